namespace PromptGen;

/// <summary>The provider answered with a body PromptGen could not read, such as malformed JSON. Transient: a second attempt often succeeds.</summary>
/// <param name="message">What failed, where, and how to fix it.</param>
/// <param name="innerException">The underlying error, if any.</param>
public sealed class InvalidProviderResponseException(string message, Exception? innerException = null) : PromptGenException(message, innerException)
{
    /// <inheritdoc/>
    public override PromptErrorKind Kind => PromptErrorKind.InvalidResponse;

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
