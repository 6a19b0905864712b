namespace PromptGen;

/// <summary>An attempt, or the whole call, exceeded its timeout. Transient.</summary>
/// <param name="message">What failed, where, and how to fix it.</param>
/// <param name="innerException">The underlying error, if any.</param>
public sealed class PromptTimeoutException(string message, Exception? innerException = null) : PromptGenException(message, innerException)
{
    /// <inheritdoc/>
    public override PromptErrorKind Kind => PromptErrorKind.Timeout;

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
