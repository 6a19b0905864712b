namespace PromptGen;

/// <summary>The provider's content filter blocked the prompt or the answer. Not retried.</summary>
/// <param name="message">What failed, where, and how to fix it.</param>
/// <param name="innerException">The underlying error, if any.</param>
public sealed class ContentFilteredException(string message, Exception? innerException = null) : PromptGenException(message, innerException)
{
    /// <inheritdoc/>
    public override PromptErrorKind Kind => PromptErrorKind.ContentFiltered;

}
