namespace PromptGen;

/// <summary>The route's circuit breaker is open after repeated failures, so the call was not sent; the router moves on to the next fallback.</summary>
/// <param name="message">Which route, why, and when it may close.</param>
/// <param name="retryAfter">How long until the breaker lets a probe through, when known.</param>
/// <param name="innerException">The underlying error, if any.</param>
public sealed class CircuitOpenException(string message, TimeSpan? retryAfter, Exception? innerException = null)
    : PromptGenException(message, innerException)
{
    /// <inheritdoc/>
    public override PromptErrorKind Kind => PromptErrorKind.CircuitOpen;

    /// <summary>Gets how long until the breaker lets a probe through, when known.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
