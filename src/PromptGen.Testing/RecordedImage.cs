namespace PromptGen.Testing;

/// <summary>An image part the simulator received, in any protocol's shape, so tests can check what was sent.</summary>
public sealed class RecordedImage
{
    /// <summary>Gets the role of the message that carried the image.</summary>
    public required string Role { get; init; }

    /// <summary>Gets the media type the request declared (<c>image/png</c>…); <see langword="null"/> for Ollama's native <c>images</c> array and for URLs.</summary>
    public string? MediaType { get; init; }

    /// <summary>Gets the decoded bytes of an inline (base64) image; <see langword="null"/> for a URL.</summary>
    public byte[]? Data { get; init; }

    /// <summary>Gets the URL of an image passed by URL; <see langword="null"/> for inline data.</summary>
    public Uri? Url { get; init; }

    /// <summary>Gets the wire shape: <c>image_url</c> (OpenAI), <c>image</c> (Anthropic) or <c>images</c> (Ollama native).</summary>
    public required string Shape { get; init; }

    /// <summary>Gets the index of the part within its message's content (its position among the text parts); -1 for Ollama's <c>images</c> array.</summary>
    public int PartIndex { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Url is not null ? $"{Shape} url {Url}" : $"{Shape} {MediaType} {Data?.Length} bytes";
}
