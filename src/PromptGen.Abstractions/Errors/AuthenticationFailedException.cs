namespace PromptGen;

/// <summary>The provider rejected the credentials (HTTP 401 or 403). Not retried: fix the key.</summary>
/// <param name="message">What failed, where, and how to fix it.</param>
/// <param name="innerException">The underlying error, if any.</param>
public sealed class AuthenticationFailedException(string message, Exception? innerException = null) : PromptGenException(message, innerException)
{
    /// <inheritdoc/>
    public override PromptErrorKind Kind => PromptErrorKind.AuthenticationFailed;

}
