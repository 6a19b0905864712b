namespace PromptGen;

/// <summary>An encoded image: its bytes, the format detected from them and, when known, its pixel size.</summary>
public sealed class EncodedImage
{
    /// <summary>Initializes the image.</summary>
    /// <param name="data">The encoded bytes.</param>
    /// <param name="format">The format of <paramref name="data"/>.</param>
    /// <param name="width">The width in pixels, or <see langword="null"/> when unknown.</param>
    /// <param name="height">The height in pixels, or <see langword="null"/> when unknown.</param>
    public EncodedImage(ReadOnlyMemory<byte> data, ImageFormat format, int? width = null, int? height = null)
    {
        Data = data;
        Format = format;
        Width = width;
        Height = height;
    }

    /// <summary>Gets the encoded bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Gets the format of <see cref="Data"/>.</summary>
    public ImageFormat Format { get; }

    /// <summary>Gets the width in pixels, when known.</summary>
    public int? Width { get; }

    /// <summary>Gets the height in pixels, when known.</summary>
    public int? Height { get; }

    /// <summary>Gets the media type of <see cref="Format"/>, for example <c>image/png</c>.</summary>
    public string MediaType => ImageFormats.MediaType(Format);

    /// <inheritdoc/>
    public override string ToString() => $"{Format} {Width?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}×{Height?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}, {Data.Length} bytes";
}
