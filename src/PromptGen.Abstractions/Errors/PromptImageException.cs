namespace PromptGen;

/// <summary>
/// An image input cannot be used: the file is missing or unreadable, the bytes are empty, corrupt or not a supported
/// format, the URL is unreachable or not an image, there are more images than the model accepts, or the image is still
/// over the model's limits after fitting. The message names the parameter and the source. Not retried; a fallback model
/// with other limits is still tried when the failure is specific to one model.
/// </summary>
/// <param name="message">What failed, where, and how to fix it.</param>
/// <param name="innerException">The underlying error, if any.</param>
public sealed class PromptImageException(string message, Exception? innerException = null) : PromptGenException(message, innerException)
{
    /// <inheritdoc/>
    public override PromptErrorKind Kind => PromptErrorKind.InvalidInput;

    /// <summary>Gets the name of the prompt parameter the image came from, when known.</summary>
    public string? Parameter { get; init; }

    /// <summary>Gets where the image came from (a file path, a URL without its query, or the byte count).</summary>
    public string? ImageSource { get; init; }
}
