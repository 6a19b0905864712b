using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>
/// A <see cref="PromptImage"/> placed in a <see cref="ChatMessage"/> as a content part. The router resolves it for each
/// model it tries: it loads the image once, detects its format, fits it to that provider's limits and sends it as a
/// <see cref="DataContent"/> (or a <see cref="UriContent"/> where the provider fetches URLs itself).
/// Create it with <see cref="PromptImage.ToContent(string?)"/>.
/// </summary>
public sealed class PromptImageContent : AIContent
{
    /// <summary>Initializes the content.</summary>
    /// <param name="image">The image.</param>
    /// <param name="parameterName">The prompt parameter the image came from, named in error messages; <see langword="null"/> when there is none.</param>
    public PromptImageContent(PromptImage image, string? parameterName = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        Image = image;
        ParameterName = parameterName;
    }

    /// <summary>Gets the image.</summary>
    public PromptImage Image { get; }

    /// <summary>Gets the prompt parameter the image came from, when known.</summary>
    public string? ParameterName { get; }

    /// <summary>Gets a description of the image for error messages: the parameter (when known) and the source.</summary>
    public string Description => ParameterName is null ? Image.ToString() : $"parameter '{ParameterName}' ({Image})";

    /// <inheritdoc/>
    public override string ToString() => Description;
}
