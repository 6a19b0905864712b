using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PromptGen;

/// <summary>
/// Fits images with ImageSharp. Images already within the limits, in an accepted format and without metadata are passed
/// through byte for byte; others are decoded, oriented, stripped, downscaled and re-encoded (<see cref="ImageEncoding"/>).
/// </summary>
internal sealed class ImageSharpImageOptimizer : IImageOptimizer
{
    private const int MaxShrinkRounds = 8;

    private readonly ImageSharpOptions _options;
    private readonly FittedImageCache? _cache;

    public ImageSharpImageOptimizer(ImageSharpOptions options)
    {
        _options = options;
        _cache = options.CacheBytes > 0 ? new FittedImageCache(options.CacheBytes) : null;
    }

    /// <summary>Gets the number of cached results (for tests).</summary>
    internal int CachedCount => _cache?.Count ?? 0;

    public ValueTask<EncodedImage> FitAsync(EncodedImage image, ImageLimits limits, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(limits);
        var key = Convert.ToHexString(SHA256.HashData(image.Data.Span)) + "|" + limits.ToKey();
        if (_cache?.TryGet(key, out var cached) == true)
        {
            return ValueTask.FromResult(cached!);
        }

        var fitted = Fit(image, limits, source, cancellationToken);
        _cache?.Add(key, fitted);
        return ValueTask.FromResult(fitted);
    }

    private EncodedImage Fit(EncodedImage input, ImageLimits limits, string source, CancellationToken cancellationToken)
    {
        IImageInfo? info;
        try
        {
            info = Image.Identify(ReadOnly(input.Data));
        }
        catch (Exception exception) when (exception is ImageFormatException or NotSupportedException or InvalidDataException)
        {
            throw Corrupt(input, source, exception);
        }

        if (info is null)
        {
            throw Corrupt(input, source, null);
        }

        // Decompression bombs: a few KB of crafted PNG or GIF can claim gigapixels; refuse before allocating them.
        if ((long)info.Width * info.Height > _options.MaxPixels)
        {
            throw new PromptImageException(string.Create(
                CultureInfo.InvariantCulture,
                $"{source} is {info.Width}×{info.Height} pixels, more than the optimizer decodes ({_options.MaxPixels:N0} pixels, ImageSharpOptions.MaxPixels). Downscale it before sending, or raise MaxPixels if such images are expected."));
        }

        var passable = CanPassThrough(input, info, limits);
        if (passable && !MayHoldSeveralFrames(input.Format))
        {
            return new EncodedImage(input.Data, input.Format, info.Width, info.Height);
        }

        Image<Rgba32> image;
        try
        {
            image = Image.Load<Rgba32>(ReadOnly(input.Data));
        }
        catch (Exception exception) when (exception is ImageFormatException or NotSupportedException or InvalidDataException)
        {
            throw Corrupt(input, source, exception);
        }

        using (image)
        {
            // A still GIF, WebP or TIFF within the limits is passed through like any other image (ImageSharp 2 reports
            // frame counts only after decoding); of an animation only the first frame is sent: providers take stills.
            if (passable && image.Frames.Count == 1)
            {
                return new EncodedImage(input.Data, input.Format, info.Width, info.Height);
            }

            while (image.Frames.Count > 1)
            {
                image.Frames.RemoveFrame(image.Frames.Count - 1);
            }

            image.Mutate(x => x.AutoOrient());
            ImageEncoding.StripMetadata(image);
            var lossless = input.Format is ImageFormat.Png or ImageFormat.Gif or ImageFormat.Bmp or ImageFormat.Tiff or ImageFormat.WebP;
            var transparent = lossless && ImageEncoding.HasTransparency(image);
            var keepPng = limits.Accepts(ImageFormat.Png) && (transparent || (lossless && ImageEncoding.LooksLikeGraphic(image)));
            var (width, height) = FitSize(image.Width, image.Height, limits.MaxWidth, limits.MaxHeight, 1.0);
            for (var round = 0; round < MaxShrinkRounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var scale = Math.Pow(0.75, round);
                var (w, h) = FitSize(width, height, width, height, scale);
                var sized = w == image.Width && h == image.Height ? image : image.Clone(x => x.Resize(w, h, KnownResamplers.Lanczos3));
                try
                {
                    if (keepPng && ImageEncoding.Encode(sized, ImageFormat.Png, 0, transparent) is { } png && png.Length <= limits.MaxBytes)
                    {
                        return new EncodedImage(png, ImageFormat.Png, w, h);
                    }

                    if (ImageEncoding.SearchLossy(sized, limits, transparent, _options) is { } lossy)
                    {
                        return new EncodedImage(lossy.Data, lossy.Format, w, h);
                    }
                }
                finally
                {
                    if (!ReferenceEquals(sized, image))
                    {
                        sized.Dispose();
                    }
                }

                if (w == 1 && h == 1)
                {
                    break;
                }
            }

            throw new PromptImageException(string.Create(
                CultureInfo.InvariantCulture,
                $"{source} does not fit the model's limit of {limits.MaxBytes:N0} bytes per image even downscaled to {Math.Pow(0.75, MaxShrinkRounds - 1):P0} of {width}×{height} at quality {_options.MinQuality}. Crop the image or send a smaller one."));
        }
    }

    /// <summary>The image is sent as it is when nothing needs changing: no bytes are re-encoded, no quality is lost.</summary>
    private static bool CanPassThrough(EncodedImage input, IImageInfo info, ImageLimits limits) =>
        limits.Accepts(input.Format)
        && input.Data.Length <= limits.MaxBytes
        && info.Width <= limits.MaxWidth
        && info.Height <= limits.MaxHeight
        && info.Metadata.ExifProfile is null
        && info.Metadata.XmpProfile is null
        && info.Metadata.IptcProfile is null;

    /// <summary>The largest size within the box keeping the aspect ratio, times <paramref name="scale"/>, at least 1×1.</summary>
    internal static (int Width, int Height) FitSize(int width, int height, int maxWidth, int maxHeight, double scale)
    {
        var factor = Math.Min(1.0, Math.Min((double)maxWidth / width, (double)maxHeight / height)) * scale;
        return (Math.Max(1, (int)Math.Round(width * factor, MidpointRounding.AwayFromZero)), Math.Max(1, (int)Math.Round(height * factor, MidpointRounding.AwayFromZero)));
    }

    /// <summary>Formats whose files may hold an animation or several pages.</summary>
    private static bool MayHoldSeveralFrames(ImageFormat format) => format is ImageFormat.Gif or ImageFormat.WebP or ImageFormat.Tiff;

    /// <summary>A read-only stream over the bytes, without a copy when they are an array segment.</summary>
    private static MemoryStream ReadOnly(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);

    private static PromptImageException Corrupt(EncodedImage input, string source, Exception? exception) =>
        new($"{source} looks like {input.Format} but cannot be decoded{(exception is null ? "." : ": " + exception.Message)} The file is corrupt or truncated; re-export it as PNG or JPEG.", exception);
}
