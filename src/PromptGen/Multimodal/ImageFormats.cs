using System.Buffers.Binary;

namespace PromptGen;

/// <summary>Format detection by magic bytes and pixel size from the header, without decoding.</summary>
internal static class ImageFormats
{
    public static string MediaType(ImageFormat format) => format switch
    {
        ImageFormat.Png => "image/png",
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Gif => "image/gif",
        ImageFormat.WebP => "image/webp",
        ImageFormat.Bmp => "image/bmp",
        ImageFormat.Tiff => "image/tiff",
        _ => "application/octet-stream",
    };

    /// <summary>The format of <paramref name="data"/> by its signature, or <see langword="null"/> when it is none of the supported ones.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormat.Png;
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ImageFormat.Jpeg;
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }

        if (data.Length >= 26 && data.StartsWith("BM"u8))
        {
            return ImageFormat.Bmp;
        }

        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return ImageFormat.Tiff;
        }

        return null;
    }

    /// <summary>A readable name for unsupported content: a few known non-image signatures, else the first bytes in hex.</summary>
    public static string Describe(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("%PDF"u8))
        {
            return "a PDF document";
        }

        if (data.Length >= 12 && data[4..12].SequenceEqual("ftypheic"u8))
        {
            return "a HEIC image";
        }

        if (data.StartsWith("<svg"u8) || data.StartsWith("<?xml"u8))
        {
            return "SVG/XML text";
        }

        if (data.StartsWith("<"u8) || data.StartsWith("{"u8))
        {
            return "text (HTML or JSON?)";
        }

        return "content starting with bytes " + Convert.ToHexString(data[..Math.Min(8, data.Length)]);
    }

    /// <summary>The pixel size from the header, or <see langword="null"/> when it cannot be read without decoding.</summary>
    public static (int Width, int Height)? ReadSize(ReadOnlySpan<byte> data, ImageFormat format)
    {
        try
        {
            return format switch
            {
                ImageFormat.Png when data.Length >= 24 => (BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..])),
                ImageFormat.Gif when data.Length >= 10 => (BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..])),
                ImageFormat.Bmp => (BinaryPrimitives.ReadInt32LittleEndian(data[18..]), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(data[22..]))),
                ImageFormat.Jpeg => JpegSize(data),
                ImageFormat.WebP => WebPSize(data),
                _ => null,
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static (int, int)? JpegSize(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (i + 9 < data.Length)
        {
            if (data[i] != 0xFF)
            {
                return null;
            }

            var marker = data[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]));
            }

            i += 2 + length;
        }

        return null;
    }

    private static (int, int)? WebPSize(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30)
        {
            return null;
        }

        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            return (BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            return ((data[24] | (data[25] << 8) | (data[26] << 16)) + 1, (data[27] | (data[28] << 8) | (data[29] << 16)) + 1);
        }

        return null;
    }
}
