using System.Globalization;
using System.Security.Cryptography;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
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
        ImageInfo info;
        try
        {
            info = Image.Identify(input.Data.Span);
        }
        catch (Exception exception) when (exception is ImageFormatException or NotSupportedException)
        {
            throw Corrupt(input, source, exception);
        }

        if (CanPassThrough(input, info, limits))
        {
            return new EncodedImage(input.Data, input.Format, info.Width, info.Height);
        }

        Image<Rgba32> image;
        try
        {
            // Decoding straight to about the target size lets JPEG use its scaled IDCT: far less work for large photos.
            // The box is square (the larger side) because EXIF orientation may still swap width and height.
            var box = Math.Max(limits.MaxWidth, limits.MaxHeight);
            var decoder = info.Width > box || info.Height > box ? new DecoderOptions { TargetSize = new Size(box, box) } : new DecoderOptions();
            image = Image.Load<Rgba32>(decoder, input.Data.Span);
        }
        catch (Exception exception) when (exception is ImageFormatException or NotSupportedException)
        {
            throw Corrupt(input, source, exception);
        }

        using (image)
        {
            // Only the first frame of an animation is sent: providers take still images.
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
    private static bool CanPassThrough(EncodedImage input, ImageInfo info, ImageLimits limits) =>
        limits.Accepts(input.Format)
        && input.Data.Length <= limits.MaxBytes
        && info.Width <= limits.MaxWidth
        && info.Height <= limits.MaxHeight
        && info.FrameMetadataCollection.Count <= 1
        && info.Metadata.ExifProfile is null
        && info.Metadata.XmpProfile is null
        && info.Metadata.IptcProfile is null;

    /// <summary>The largest size within the box keeping the aspect ratio, times <paramref name="scale"/>, at least 1×1.</summary>
    internal static (int Width, int Height) FitSize(int width, int height, int maxWidth, int maxHeight, double scale)
    {
        var factor = Math.Min(1.0, Math.Min((double)maxWidth / width, (double)maxHeight / height)) * scale;
        return (Math.Max(1, (int)Math.Round(width * factor, MidpointRounding.AwayFromZero)), Math.Max(1, (int)Math.Round(height * factor, MidpointRounding.AwayFromZero)));
    }

    private static PromptImageException Corrupt(EncodedImage input, string source, Exception exception) =>
        new($"{source} looks like {input.Format} but cannot be decoded: {exception.Message} The file is corrupt or truncated; re-export it as PNG or JPEG.", exception);
}
