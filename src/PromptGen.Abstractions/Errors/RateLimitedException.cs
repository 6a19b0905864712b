namespace PromptGen;

/// <summary>The provider rate-limited the call (HTTP 429). <see cref="RetryAfter"/> carries the provider's requested wait, if it sent one.</summary>
/// <param name="message">What failed, where, and how to fix it.</param>
/// <param name="retryAfter">The wait the provider asked for, from its <c>Retry-After</c> header.</param>
/// <param name="innerException">The underlying error, if any.</param>
public sealed class RateLimitedException(string message, TimeSpan? retryAfter, Exception? innerException = null)
    : PromptGenException(message, innerException)
{
    /// <inheritdoc/>
    public override PromptErrorKind Kind => PromptErrorKind.RateLimited;

    /// <inheritdoc/>
    public override bool IsTransient => true;

    /// <summary>Gets the wait the provider asked for, or <see langword="null"/> if it sent no <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
