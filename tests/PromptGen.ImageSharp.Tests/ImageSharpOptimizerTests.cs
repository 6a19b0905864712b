using PromptGen.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PromptGen.ImageSharp.Tests;

public class ImageSharpOptimizerTests
{
    private static readonly string[] s_providers = ["openai", "anthropic", "max", "ollama", "gemini", "groq", "openrouter"];

    // One 4000×3000 photo for every provider: encoding it is the slow part.
    private static readonly Lazy<byte[]> s_largePhoto = new(() =>
    {
        using var photo = TestImages.Photo(4000, 3000);
        return TestImages.Encode(photo, ImageFormat.Jpeg);
    });

    private static ImageSharpImageOptimizer NewOptimizer() => new(new ImageSharpOptions());

    private static Task<EncodedImage> FitAsync(ImageSharpImageOptimizer optimizer, byte[] bytes, ImageLimits limits) =>
        optimizer.FitAsync(new EncodedImage(bytes, ImageFormats.Detect(bytes)!.Value), limits, "Image parameter 'photo'", CancellationToken.None).AsTask();

    public static TheoryData<string> Providers() => [.. s_providers];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_large_photo_is_fitted_within_each_providers_limits(string provider)
    {
        var limits = ProviderImageLimits.BuiltIn[provider];
        var fitted = await FitAsync(NewOptimizer(), s_largePhoto.Value, limits);

        Assert.True(fitted.Data.Length <= limits.MaxBytes, $"{fitted.Data.Length} > {limits.MaxBytes}");
        Assert.Contains(fitted.Format, limits.Formats);
        using var decoded = TestImages.Decode(fitted.Data);
        Assert.True(decoded.Width <= limits.MaxWidth && decoded.Height <= limits.MaxHeight, $"{decoded.Width}×{decoded.Height}");
        Assert.Equal(4.0 / 3.0, (double)decoded.Width / decoded.Height, 2);
        Assert.Equal(ImageFormat.Jpeg, fitted.Format);
        Assert.Equal(Math.Min(limits.MaxWidth, 4000), decoded.Width);
    }

    [Fact]
    public async Task A_tight_byte_budget_is_met_by_the_quality_search_and_downscaling()
    {
        using var photo = TestImages.Photo(1920, 1080);
        var limits = ProviderImageLimits.Anthropic with { MaxBytes = 60_000 };

        var fitted = await FitAsync(NewOptimizer(), TestImages.Encode(photo, ImageFormat.Jpeg, 95), limits);

        Assert.InRange(fitted.Data.Length, 1, 60_000);
        Assert.Equal(ImageFormat.Jpeg, fitted.Format);
    }

    [Theory]
    [InlineData(6, 20, 40)]
    [InlineData(8, 20, 40)]
    [InlineData(3, 40, 20)]
    public async Task Exif_orientation_is_applied_and_the_tag_removed(ushort orientation, int width, int height)
    {
        // Stored sideways: left half red, right half blue. Orientation 6 turns it clockwise (red on top),
        // 8 counter-clockwise (red at the bottom), 3 upside down (red on the right).
        using var stored = TestImages.Halves(40, 20, Color.Red.ToPixel<Rgba32>(), Color.Blue.ToPixel<Rgba32>());
        var bytes = TestImages.WithOrientation(stored, orientation);

        var fitted = await FitAsync(NewOptimizer(), bytes, ProviderImageLimits.OpenAI);

        using var image = TestImages.Decode(fitted.Data);
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Null(image.Metadata.ExifProfile);
        var (redX, redY) = orientation switch { 6 => (10, 5), 8 => (10, 35), _ => (35, 10) };
        var (blueX, blueY) = orientation switch { 6 => (10, 35), 8 => (10, 5), _ => (5, 10) };
        Assert.True(IsRed(image[redX, redY]), $"expected red at {redX},{redY}, got {image[redX, redY]}");
        Assert.True(IsBlue(image[blueX, blueY]), $"expected blue at {blueX},{blueY}, got {image[blueX, blueY]}");
    }

    [Fact]
    public async Task Transparency_survives_as_png_when_downscaled()
    {
        using var image = new Image<Rgba32>(3000, 2000, new Rgba32(0, 128, 0, 0));
        image.ProcessPixelRows(rows =>
        {
            for (var y = 500; y < 1500; y++)
            {
                rows.GetRowSpan(y)[1000..2000].Fill(new Rgba32(255, 0, 0, 255));
            }
        });

        var fitted = await FitAsync(NewOptimizer(), TestImages.Encode(image, ImageFormat.Png), ProviderImageLimits.Anthropic);

        Assert.Equal(ImageFormat.Png, fitted.Format);
        using var decoded = TestImages.Decode(fitted.Data);
        Assert.Equal((1568, 1045), (decoded.Width, decoded.Height));
        Assert.Equal(0, decoded[10, 10].A);
        Assert.Equal(255, decoded[784, 522].A);
        Assert.True(IsRed(decoded[784, 522]));
    }

    [Fact]
    public async Task A_small_clean_image_is_passed_through_byte_for_byte()
    {
        var png = TestImages.Make(ImageFormat.Png);

        var fitted = await FitAsync(NewOptimizer(), png, ProviderImageLimits.OpenAI);

        Assert.Equal(png, fitted.Data.ToArray());
    }

    [Fact]
    public async Task A_still_gif_is_passed_through_and_an_animated_one_is_sent_as_its_first_frame()
    {
        var still = TestImages.Make(ImageFormat.Gif);
        using var animation = TestImages.Halves(64, 48, Color.Red.ToPixel<Rgba32>(), Color.Red.ToPixel<Rgba32>());
        using (var second = TestImages.Halves(64, 48, Color.Blue.ToPixel<Rgba32>(), Color.Blue.ToPixel<Rgba32>()))
        {
            animation.Frames.AddFrame(second.Frames.RootFrame);
        }

        var animated = TestImages.Encode(animation, ImageFormat.Gif);
        var optimizer = NewOptimizer();

        var keptStill = await FitAsync(optimizer, still, ProviderImageLimits.OpenAI);
        var firstFrame = await FitAsync(optimizer, animated, ProviderImageLimits.OpenAI);

        Assert.Equal(still, keptStill.Data.ToArray());
        using var decoded = TestImages.Decode(firstFrame.Data);
        Assert.Equal(2, TestImages.Decode(animated).Frames.Count);
        Assert.Single(decoded.Frames);
        Assert.True(IsRed(decoded[10, 10]) && IsRed(decoded[60, 40]), "the first (red) frame should be sent");
    }

    [Fact]
    public async Task An_image_claiming_more_pixels_than_the_optimizer_decodes_is_refused_before_decoding()
    {
        // 60,000 × 60,000 in a PNG header with no pixel data: 3.6 gigapixels claimed by 45 bytes.
        var bomb = TestImages.PngHeaderOnly(60_000, 60_000);
        var small = TestImages.Make(ImageFormat.Png, 64, 48);

        var error = await Assert.ThrowsAsync<PromptImageException>(() => FitAsync(NewOptimizer(), bomb, ProviderImageLimits.Anthropic));
        var configured = await Assert.ThrowsAsync<PromptImageException>(() =>
            new ImageSharpImageOptimizer(new ImageSharpOptions { MaxPixels = 1000 })
                .FitAsync(new EncodedImage(small, ImageFormat.Png), ProviderImageLimits.Anthropic, "Image parameter 'photo'", CancellationToken.None).AsTask());

        Assert.Contains("Image parameter 'photo' is 60000×60000 pixels", error.Message, StringComparison.Ordinal);
        Assert.Contains("ImageSharpOptions.MaxPixels", error.Message, StringComparison.Ordinal);
        Assert.Contains("64×48 pixels, more than the optimizer decodes (1,000 pixels", configured.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ImageFormat.Bmp, ImageFormat.Png)]
    [InlineData(ImageFormat.Tiff, ImageFormat.Png)]
    [InlineData(ImageFormat.WebP, ImageFormat.Png)]
    public async Task Formats_a_provider_rejects_are_converted(ImageFormat from, ImageFormat to)
    {
        var fitted = await FitAsync(NewOptimizer(), TestImages.Make(from), ProviderImageLimits.BuiltIn["ollama"]);

        Assert.Equal(to, fitted.Format);
        Assert.Equal(to, ImageFormats.Detect(fitted.Data.Span));
    }

    [Fact]
    public async Task Metadata_is_stripped_and_output_is_deterministic_and_cached()
    {
        using var photo = TestImages.Photo(300, 200);
        var bytes = TestImages.WithOrientation(photo, 1);
        var optimizer = NewOptimizer();

        var first = await FitAsync(optimizer, bytes, ProviderImageLimits.OpenAI);
        var again = await FitAsync(optimizer, bytes, ProviderImageLimits.OpenAI);
        var fresh = await FitAsync(NewOptimizer(), bytes, ProviderImageLimits.OpenAI);

        Assert.Same(first, again);
        Assert.Equal(1, optimizer.CachedCount);
        Assert.Equal(first.Data.ToArray(), fresh.Data.ToArray());
        using var decoded = TestImages.Decode(first.Data);
        Assert.Null(decoded.Metadata.ExifProfile);
        Assert.True(bytes.AsSpan().IndexOf("PromptGen Test Camera"u8) >= 0, "the input should carry the camera model");
        Assert.True(first.Data.Span.IndexOf("PromptGen Test Camera"u8) < 0, "the camera model survived");
    }

    [Fact]
    public async Task An_image_that_cannot_fit_is_a_clear_error()
    {
        using var photo = TestImages.Photo(800, 600);
        var limits = ProviderImageLimits.OpenAI with { MaxBytes = 50 };

        var error = await Assert.ThrowsAsync<PromptImageException>(() => FitAsync(NewOptimizer(), TestImages.Encode(photo, ImageFormat.Jpeg), limits));

        Assert.Contains("Image parameter 'photo'", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not fit", error.Message, StringComparison.Ordinal);
        Assert.Contains("50 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_image_is_a_clear_error()
    {
        var png = TestImages.Make(ImageFormat.Png);
        var corrupt = png[..40].Concat(new byte[200]).ToArray();

        var error = await Assert.ThrowsAsync<PromptImageException>(() => FitAsync(NewOptimizer(), corrupt, ProviderImageLimits.Anthropic with { MaxWidth = 10 }));

        Assert.Contains("cannot be decoded", error.Message, StringComparison.Ordinal);
        Assert.Contains("Image parameter 'photo'", error.Message, StringComparison.Ordinal);
    }

    private static bool IsRed(Rgba32 pixel) => pixel.R > 200 && pixel.G < 60 && pixel.B < 60;

    private static bool IsBlue(Rgba32 pixel) => pixel.B > 200 && pixel.R < 60 && pixel.G < 60;
}
