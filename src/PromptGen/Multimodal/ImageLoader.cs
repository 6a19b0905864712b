namespace PromptGen;

/// <summary>
/// The one image loader: reads an image input into memory and detects its format from the content (never the file
/// name); every failure is a <see cref="PromptImageException"/> naming the parameter and the source. The router loads
/// every image part through it; tools that check images before a run (the test runner) call it too.
/// </summary>
public static class ImageLoader
{
    internal static PromptImageException Error(PromptImageContent content, string problem, Exception? inner = null) =>
        new($"Image {content.Description} {problem}", inner)
        {
            Parameter = content.ParameterName,
            ImageSource = content.Image.ToString(),
        };

    /// <summary>Reads a file or byte image; URL images are loaded later, only for providers that cannot fetch them.</summary>
    /// <param name="content">The image part.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The image with its detected format and, where the header gives it, its size.</returns>
    /// <exception cref="PromptImageException">The file is missing or unreadable, empty, not a supported format, or corrupt.</exception>
    public static async Task<EncodedImage> LoadAsync(PromptImageContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var image = content.Image;
        if (image.Kind != ImageSourceKind.File)
        {
            return Sniff(content, image.Bytes);
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(image.Path!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Error(content, $"does not exist (full path '{Path.GetFullPath(image.Path!)}'). Check the path and the working directory.", exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw Error(content, "cannot be read: access is denied (or the path is a directory). Check the file's permissions.", exception);
        }
        catch (IOException exception)
        {
            throw Error(content, $"cannot be read: {exception.Message}", exception);
        }

        return Sniff(content, bytes);
    }

    /// <summary>Detects the format from the bytes and reads the pixel size from the header where it can.</summary>
    /// <param name="content">The image part the bytes belong to (named in errors).</param>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The image with its detected format and, where the header gives it, its size.</returns>
    /// <exception cref="PromptImageException">The bytes are empty, not a supported format, or corrupt.</exception>
    public static EncodedImage Sniff(PromptImageContent content, ReadOnlyMemory<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (bytes.IsEmpty)
        {
            throw Error(content, "is empty (0 bytes). Pass a PNG, JPEG, GIF, WebP, BMP or TIFF image.");
        }

        if (ImageFormats.Detect(bytes.Span) is not { } format)
        {
            throw Error(content, $"is not a supported image format: found {ImageFormats.Describe(bytes.Span)}. Supported: PNG, JPEG, GIF, WebP, BMP and TIFF (detected from the content, not the file name). Convert the image to PNG or JPEG.");
        }

        var size = ImageFormats.ReadSize(bytes.Span, format);
        if (size is { } s && (s.Width <= 0 || s.Height <= 0))
        {
            throw Error(content, $"is a corrupt {format}: its header gives a size of {s.Width}×{s.Height} pixels. Re-export the image.");
        }

        return new EncodedImage(bytes, format, size?.Width, size?.Height);
    }
}
