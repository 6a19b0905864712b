using BenchmarkDotNet.Attributes;
using PromptGen.Tests;

namespace PromptGen.Benchmarks;

/// <summary>
/// Load (read the file, detect the format) + fit (decode, orient, downscale, re-encode within the byte budget) of one
/// photo-like image for the Anthropic and OpenAI limits. The cache is off, so every iteration does the full work.
/// llm_call's targets: encode 1920×1080 under 100 ms, optimise 3000×2000 under 1 s.
/// </summary>
[MemoryDiagnoser]
public class ImageBenchmarks
{
    private readonly ImageSharpImageOptimizer _optimizer = new(new ImageSharpOptions { CacheBytes = 0 });
    private string _folder = null!;
    private PromptImageContent _content = null!;
    private ImageLimits _limits = null!;

    [Params("1920x1080", "3000x2000", "4000x3000")]
    public string Size { get; set; } = "1920x1080";

    [Params(ImageFormat.Jpeg, ImageFormat.Png)]
    public ImageFormat Format { get; set; }

    [Params("anthropic", "openai")]
    public string Provider { get; set; } = "anthropic";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        using var photo = TestImages.Photo(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        _folder = Directory.CreateTempSubdirectory("promptgen-bench-").FullName;
        var path = Path.Combine(_folder, "photo");
        File.WriteAllBytes(path, TestImages.Encode(photo, Format));
        _content = PromptImage.FromFile(path).ToContent("photo");
        _limits = ProviderImageLimits.BuiltIn[Provider];
        var fitted = LoadAndFit().GetAwaiter().GetResult();
        if (fitted.Data.Length > _limits.MaxBytes || fitted.Width > _limits.MaxWidth || !_limits.Accepts(fitted.Format))
        {
            throw new InvalidOperationException($"Setup: the fitted image {fitted} is not within the {Provider} limits.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "load + fit")]
    public async Task<EncodedImage> LoadAndFit()
    {
        var loaded = await ImageLoader.LoadAsync(_content, CancellationToken.None).ConfigureAwait(false);
        return await _optimizer.FitAsync(loaded, _limits, _content.Description, CancellationToken.None).ConfigureAwait(false);
    }
}
