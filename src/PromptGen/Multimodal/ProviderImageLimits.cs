namespace PromptGen;

/// <summary>
/// The built-in image limits by provider name, then by wire protocol. docs/multimodal.md mirrors this table and cites
/// the source of every number; where a provider publishes no limit the value is PromptGen's conservative choice.
/// </summary>
internal static class ProviderImageLimits
{
    private const long MiB = 1024 * 1024;

    private static readonly ImageFormat[] s_openAI = [ImageFormat.Png, ImageFormat.Jpeg, ImageFormat.WebP, ImageFormat.Gif];
    private static readonly ImageFormat[] s_pngJpeg = [ImageFormat.Png, ImageFormat.Jpeg];

    /// <summary>
    /// OpenAI vision: 20 MB per image, 50 MB of payload per request (so 37.5 MiB of image bytes once base64-encoded);
    /// high detail fits the image into 2048×2048, so larger pixels are wasted.
    /// </summary>
    public static readonly ImageLimits OpenAI = new() { MaxBytes = 20 * MiB, MaxRequestBytes = 50 * MiB * 3 / 4, MaxWidth = 2048, MaxHeight = 2048, MaxImages = 500, Formats = s_openAI, AcceptsUrls = true };

    /// <summary>
    /// Anthropic Messages: 5 MB per image, measured on the base64 text (so 3.75 MiB of bytes); 8000×8000 hard limit, but
    /// images over 1568 px on the long edge are downscaled by the API, so PromptGen sends at most 1568; 100 images per
    /// request; 32 MB per request (24 MiB of image bytes once base64-encoded).
    /// </summary>
    public static readonly ImageLimits Anthropic = new() { MaxBytes = 5 * MiB * 3 / 4, MaxRequestBytes = 32 * MiB * 3 / 4, MaxWidth = 1568, MaxHeight = 1568, MaxImages = 100, Formats = [ImageFormat.Jpeg, ImageFormat.Png, ImageFormat.Gif, ImageFormat.WebP], AcceptsUrls = true };

    /// <summary>Claude Code (<c>max/*</c>): Anthropic's limits, base64 only (stream-json image blocks), 20 images as in Claude apps.</summary>
    public static readonly ImageLimits ClaudeCode = Anthropic with { MaxImages = 20, AcceptsUrls = false };

    /// <summary>OpenAI-compatible servers without published limits (vLLM, LM Studio, RunPod, custom): PNG/JPEG, base64 only.</summary>
    public static readonly ImageLimits OpenAICompatible = new() { MaxBytes = 20 * MiB, MaxWidth = 2048, MaxHeight = 2048, MaxImages = 20, Formats = s_pngJpeg, AcceptsUrls = false };

    private static readonly Dictionary<string, ImageLimits> s_byProvider = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = OpenAI,
        ["anthropic"] = Anthropic,
        [ModelId.ClaudeCodeProvider] = ClaudeCode,

        // Ollama through its OpenAI-compatible /v1 API: base64 data URIs only; vision models resize to ~1120 px themselves.
        ["ollama"] = OpenAICompatible with { MaxWidth = 1568, MaxHeight = 1568, MaxImages = 10 },

        // Gemini's OpenAI-compatible endpoint: inline data, 20 MB per request (15 MiB of image bytes in base64); 3072×3072 before Gemini tiles it.
        ["gemini"] = OpenAICompatible with { MaxBytes = 20 * MiB * 3 / 4, MaxRequestBytes = 20 * MiB * 3 / 4, MaxWidth = 3072, MaxHeight = 3072, MaxImages = 3000, Formats = [ImageFormat.Png, ImageFormat.Jpeg, ImageFormat.WebP] },

        // Groq vision: 4 MB per base64 image, 5 images per request, 33 megapixels.
        ["groq"] = OpenAICompatible with { MaxBytes = 4 * MiB * 3 / 4, MaxImages = 5, AcceptsUrls = true },

        // OpenRouter forwards to many models; OpenAI's formats and URL support, a conservative size.
        ["openrouter"] = OpenAI with { MaxImages = 20 },
    };

    /// <summary>The limits of a route: the user's override, the provider's entry, then the protocol's default.</summary>
    public static ImageLimits For(ResolvedEndpoint endpoint, ImageOptions options) => For(endpoint.Provider, endpoint.Kind, options);

    /// <summary>The limits of a provider by name: the user's override, the provider's entry, then the protocol's default (<paramref name="kind"/>).</summary>
    public static ImageLimits For(string provider, string? kind, ImageOptions options)
    {
        if (options.Limits.TryGetValue(provider, out var configured) || s_byProvider.TryGetValue(provider, out configured))
        {
            return configured;
        }

        return kind switch
        {
            ProviderKinds.Anthropic => Anthropic,
            ProviderKinds.ClaudeCode => ClaudeCode,
            _ => OpenAICompatible,
        };
    }

    /// <summary>The built-in limits by provider name, for the docs and the CLI.</summary>
    public static IReadOnlyDictionary<string, ImageLimits> BuiltIn => s_byProvider;
}
