namespace PromptGen;

/// <summary>PromptGen is misconfigured: an unknown provider or alias, a malformed model id or endpoint, or a missing API key. Raised before any network call.</summary>
/// <param name="message">What failed, where, and how to fix it.</param>
/// <param name="innerException">The underlying error, if any.</param>
public sealed class PromptConfigurationException(string message, Exception? innerException = null) : PromptGenException(message, innerException)
{
    /// <inheritdoc/>
    public override PromptErrorKind Kind => PromptErrorKind.Configuration;

}
