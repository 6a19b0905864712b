using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace PromptGen.Tests;

/// <summary>Images the tests make themselves: photos (noise, incompressible), graphics (flat colours), transparency, EXIF.</summary>
internal static class TestImages
{
    /// <summary>Deterministic noise over a gradient: compresses like a photo.</summary>
    public static Image<Rgba32> Photo(int width, int height, int seed = 1)
    {
        var random = new Random(seed);
        var image = new Image<Rgba32>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var n = random.Next(64);
                    row[x] = new Rgba32((byte)((x * 255 / width + n) & 0xFF), (byte)((y * 255 / height + n) & 0xFF), (byte)(n * 3), 255);
                }
            }
        });
        return image;
    }

    /// <summary>Left half <paramref name="left"/>, right half <paramref name="right"/>.</summary>
    public static Image<Rgba32> Halves(int width, int height, Rgba32 left, Rgba32 right)
    {
        var image = new Image<Rgba32>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = x < width / 2 ? left : right;
                }
            }
        });
        return image;
    }

    public static byte[] Encode(Image image, ImageFormat format, int jpegQuality = 90)
    {
        IImageEncoder encoder = format switch
        {
            ImageFormat.Png => new PngEncoder(),
            ImageFormat.Jpeg => new JpegEncoder { Quality = jpegQuality },
            ImageFormat.Gif => new GifEncoder(),
            ImageFormat.WebP => new WebpEncoder(),
            ImageFormat.Bmp => new BmpEncoder(),
            _ => new TiffEncoder(),
        };
        using var buffer = new MemoryStream();
        image.Save(buffer, encoder);
        return buffer.ToArray();
    }

    public static byte[] Make(ImageFormat format, int width = 64, int height = 48)
    {
        using var image = Halves(width, height, Color.Red.ToPixel<Rgba32>(), Color.Blue.ToPixel<Rgba32>());
        return Encode(image, format);
    }

    /// <summary>A JPEG whose pixels are stored sideways with an EXIF orientation telling viewers how to turn it.</summary>
    public static byte[] WithOrientation(Image<Rgba32> image, ushort orientation)
    {
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, orientation);
        image.Metadata.ExifProfile.SetValue(ExifTag.Model, "PromptGen Test Camera");
        return Encode(image, ImageFormat.Jpeg, 95);
    }

    public static Image<Rgba32> Decode(ReadOnlyMemory<byte> data) => Image.Load<Rgba32>(data.ToArray());

    /// <summary>A PNG signature, an IHDR chunk claiming <paramref name="width"/>×<paramref name="height"/> RGBA pixels, and IEND: no pixels.</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        var png = new List<byte>([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        AddChunk(png, "IHDR", header);
        AddChunk(png, "IEND", []);
        return [.. png];
    }

    private static void AddChunk(List<byte> png, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.AddRange(length);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.AddRange(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.AddRange(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
