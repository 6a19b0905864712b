namespace PromptGen;

/// <summary>The provider could not serve the call: HTTP 5xx, a refused or dropped connection, or a stream cut mid-way. Transient.</summary>
/// <param name="message">What failed, where, and how to fix it.</param>
/// <param name="innerException">The underlying error, if any.</param>
public sealed class ProviderUnavailableException(string message, Exception? innerException = null) : PromptGenException(message, innerException)
{
    /// <inheritdoc/>
    public override PromptErrorKind Kind => PromptErrorKind.Unavailable;

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
