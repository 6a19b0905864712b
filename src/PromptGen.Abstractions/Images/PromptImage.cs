using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>
/// An image passed to a prompt method as a parameter. The format is detected from the content (never the file
/// extension) and the image is fitted to the target provider's limits when the call is made.
/// </summary>
public sealed class PromptImage
{
    private PromptImage(ImageSourceKind kind, string? path, Uri? url, ReadOnlyMemory<byte> bytes)
    {
        Kind = kind;
        Path = path;
        Url = url;
        Bytes = bytes;
    }

    /// <summary>Gets where the image comes from.</summary>
    public ImageSourceKind Kind { get; }

    /// <summary>Gets the file path when <see cref="Kind"/> is <see cref="ImageSourceKind.File"/>.</summary>
    public string? Path { get; }

    /// <summary>Gets the URL when <see cref="Kind"/> is <see cref="ImageSourceKind.Url"/>.</summary>
    public Uri? Url { get; }

    /// <summary>Gets the bytes when <see cref="Kind"/> is <see cref="ImageSourceKind.Bytes"/>.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Creates an image read from a file when the call is made.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static PromptImage FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new PromptImage(ImageSourceKind.File, path, null, default);
    }

    /// <summary>Creates an image from an absolute http or https URL.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http or https URL.</exception>
    public static PromptImage FromUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Image URL '{url}' must be an absolute http or https URL.", nameof(url));
        }

        return new PromptImage(ImageSourceKind.Url, null, url, default);
    }

    /// <summary>Creates an image from an absolute http or https URL.</summary>
    /// <param name="url">The URL text.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http or https URL.</exception>
    public static PromptImage FromUrl(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        return Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            ? FromUrl(parsed)
            : throw new ArgumentException($"Image URL '{url}' must be an absolute http or https URL.", nameof(url));
    }

    /// <summary>Creates an image from bytes in memory.</summary>
    /// <param name="bytes">The encoded image (PNG, JPEG, GIF, WebP, BMP or TIFF).</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is empty.</exception>
    public static PromptImage FromBytes(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new ArgumentException("Image bytes are empty.", nameof(bytes));
        }

        return new PromptImage(ImageSourceKind.Bytes, null, null, bytes);
    }

    /// <summary>Reads an image from a stream into memory.</summary>
    /// <param name="stream">The stream, read to its end.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The image.</returns>
    public static async Task<PromptImage> FromStreamAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return FromBytes(buffer.ToArray());
    }

    /// <summary>Reads an image from a stream into memory, synchronously (for callers that cannot await).</summary>
    /// <param name="stream">The stream, read to its end.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentException">The stream is empty.</exception>
    public static PromptImage FromStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return FromBytes(buffer.ToArray());
    }

    /// <summary>Creates an image from a <c>data:</c> URI with base64 content.</summary>
    /// <param name="dataUri">The data URI, for example <c>data:image/png;base64,iVBOR…</c>.</param>
    /// <returns>The image.</returns>
    /// <exception cref="FormatException"><paramref name="dataUri"/> is not a base64 data URI.</exception>
    public static PromptImage FromDataUri(string dataUri)
    {
        ArgumentNullException.ThrowIfNull(dataUri);
        const string Marker = ";base64,";
        var marker = dataUri.IndexOf(Marker, StringComparison.Ordinal);
        if (!dataUri.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || marker < 0)
        {
            throw new FormatException("Expected a data URI of the form 'data:image/png;base64,<data>'.");
        }

        try
        {
            return FromBytes(Convert.FromBase64String(dataUri[(marker + Marker.Length)..]));
        }
        catch (FormatException exception)
        {
            throw new FormatException("The data URI's base64 content is malformed.", exception);
        }
    }

    /// <summary>
    /// Wraps the image as a message content part, to place in a <see cref="ChatMessage"/> between text parts in template
    /// order. The router loads and fits it for each model it tries.
    /// </summary>
    /// <param name="parameterName">The prompt parameter the image came from, named in error messages.</param>
    /// <returns>The content part.</returns>
    public PromptImageContent ToContent(string? parameterName = null) => new(this, parameterName);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ImageSourceKind.File => $"image file '{Path}'",
        ImageSourceKind.Url => $"image URL '{Url!.GetLeftPart(UriPartial.Path)}'",
        _ => $"image ({Bytes.Length} bytes)",
    };
}
