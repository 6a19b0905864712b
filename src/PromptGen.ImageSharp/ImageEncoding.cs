using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PromptGen;

/// <summary>Encoding helpers of the optimizer: metadata stripping, content checks, encoders and the quality search.</summary>
internal static class ImageEncoding
{
    private const int GraphicColorLimit = 256;
    private const int SampleGrid = 128;

    public static void StripMetadata(Image image)
    {
        image.Metadata.ExifProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.IccProfile = null;
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IccProfile = null;
        }
    }

    public static bool HasTransparency(Image<Rgba32> image)
    {
        var found = false;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height && !found; y++)
            {
                foreach (ref var pixel in rows.GetRowSpan(y))
                {
                    if (pixel.A != byte.MaxValue)
                    {
                        found = true;
                        break;
                    }
                }
            }
        });
        return found;
    }

    /// <summary>Few distinct colours on a sample grid: a screenshot, diagram or logo, whose sharp edges JPEG would blur.</summary>
    public static bool LooksLikeGraphic(Image<Rgba32> image)
    {
        var colors = new HashSet<uint>();
        var stepX = Math.Max(1, image.Width / SampleGrid);
        var stepY = Math.Max(1, image.Height / SampleGrid);
        var graphic = true;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height && graphic; y += stepY)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x += stepX)
                {
                    colors.Add(row[x].PackedValue);
                    if (colors.Count > GraphicColorLimit)
                    {
                        graphic = false;
                        break;
                    }
                }
            }
        });
        return graphic;
    }

    /// <summary>Encodes at a quality (ignored for PNG); a transparent image going to JPEG is flattened onto white first.</summary>
    public static byte[] Encode(Image<Rgba32> image, ImageFormat format, int quality, bool transparent)
    {
        using var buffer = new MemoryStream();
        switch (format)
        {
            case ImageFormat.Png:
                image.SaveAsPng(buffer, new PngEncoder { CompressionLevel = PngCompressionLevel.DefaultCompression });
                break;
            case ImageFormat.WebP:
                image.SaveAsWebp(buffer, new WebpEncoder { Quality = quality, FileFormat = WebpFileFormatType.Lossy });
                break;
            case ImageFormat.Jpeg when transparent:
                using (var flat = image.Clone(x => x.BackgroundColor(Color.White)))
                {
                    flat.SaveAsJpeg(buffer, new JpegEncoder { Quality = quality });
                }

                break;
            default:
                image.SaveAsJpeg(buffer, new JpegEncoder { Quality = quality });
                break;
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The best lossy encoding within the byte budget: the configured quality if it fits, else a binary search down to the
    /// minimum quality; <see langword="null"/> when even that is too big (the caller downscales and tries again).
    /// WebP is preferred for transparent images (it keeps alpha), JPEG otherwise; PNG only when the provider takes neither.
    /// </summary>
    public static (byte[] Data, ImageFormat Format)? SearchLossy(Image<Rgba32> image, ImageLimits limits, bool transparent, ImageSharpOptions options)
    {
        var format = transparent && limits.Accepts(ImageFormat.WebP) ? ImageFormat.WebP
            : limits.Accepts(ImageFormat.Jpeg) ? ImageFormat.Jpeg
            : limits.Accepts(ImageFormat.WebP) ? ImageFormat.WebP
            : ImageFormat.Png;
        if (format == ImageFormat.Png)
        {
            var png = Encode(image, format, 0, transparent);
            return png.Length <= limits.MaxBytes ? (png, format) : null;
        }

        var best = Encode(image, format, options.Quality, transparent);
        if (best.Length <= limits.MaxBytes)
        {
            return (best, format);
        }

        byte[]? found = null;
        int low = options.MinQuality, high = options.Quality - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var attempt = Encode(image, format, middle, transparent);
            if (attempt.Length <= limits.MaxBytes)
            {
                found = attempt;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found is null ? null : (found, format);
    }
}
