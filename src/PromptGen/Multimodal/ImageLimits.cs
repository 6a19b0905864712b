using System.Globalization;

namespace PromptGen;

/// <summary>
/// What one provider accepts for each image of a request. The built-in table (<c>docs/multimodal.md</c>, with sources)
/// covers every built-in provider; override an entry with <see cref="ImageOptions.Limits"/>.
/// </summary>
public sealed record ImageLimits
{
    /// <summary>
    /// Gets the built-in limits by provider name (<c>openai</c>, <c>anthropic</c>, <c>max</c>, <c>ollama</c>, <c>gemini</c>,
    /// <c>groq</c>, <c>openrouter</c>); start an override from one: <c>ImageLimits.BuiltIn["ollama"] with { MaxWidth = 1120 }</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, ImageLimits> BuiltIn => ProviderImageLimits.BuiltIn;

    /// <summary>Gets the largest encoded size of one image, in bytes (before base64).</summary>
    public required long MaxBytes { get; init; }

    /// <summary>Gets the largest width in pixels; larger images are downscaled (or rejected without an optimizer).</summary>
    public required int MaxWidth { get; init; }

    /// <summary>Gets the largest height in pixels.</summary>
    public required int MaxHeight { get; init; }

    /// <summary>Gets the most images one request may carry.</summary>
    public required int MaxImages { get; init; }

    /// <summary>
    /// Gets the largest total of all images of one request, in bytes (before base64), or <see langword="null"/> when only
    /// <see cref="MaxBytes"/> applies. When the fitted images together exceed it, the larger ones are fitted again to an
    /// equal share of what the smaller ones leave (or the call fails without an optimizer).
    /// </summary>
    public long? MaxRequestBytes { get; init; }

    /// <summary>Gets the formats the provider accepts; others are converted (or rejected without an optimizer).</summary>
    public required IReadOnlyList<ImageFormat> Formats { get; init; }

    /// <summary>Gets a value indicating whether the provider fetches http(s) image URLs itself, so URLs are passed through.</summary>
    public bool AcceptsUrls { get; init; }

    /// <summary>Gets a value indicating whether <paramref name="format"/> is accepted.</summary>
    /// <param name="format">The format.</param>
    /// <returns><see langword="true"/> when the provider accepts it.</returns>
    public bool Accepts(ImageFormat format) => Formats.Contains(format);

    /// <summary>Gets a stable text form of the limits, for cache keys.</summary>
    /// <returns>The key.</returns>
    public string ToKey() => string.Create(
        CultureInfo.InvariantCulture,
        $"{MaxBytes}|{MaxRequestBytes}|{MaxWidth}x{MaxHeight}|{MaxImages}|{string.Join(',', Formats)}|{AcceptsUrls}");
}
