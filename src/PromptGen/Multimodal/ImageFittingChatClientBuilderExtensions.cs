using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>The image middleware (<see cref="ImageFittingChatClient"/>) for <see cref="ChatClientBuilder"/> pipelines.</summary>
public static class ImageFittingChatClientBuilderExtensions
{
    /// <summary>
    /// Fits the images of each request (<see cref="PromptImageContent"/> parts: files, bytes, URLs) to what
    /// <paramref name="provider"/> takes — its formats, bytes per image and per request, pixels and image count — and
    /// sends them as bytes, or as the URL where the provider fetches URLs itself. This is the middleware every route of
    /// a <see cref="PromptRouter"/> runs behind; use it to get the same fitting on an <see cref="IChatClient"/> of your own.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="provider">The provider name whose limits apply (<c>openai</c>, <c>anthropic</c>, <c>ollama</c>, <c>max</c>, <c>gemini</c>, …; <see cref="ImageOptions.Limits"/> overrides them). An unknown name gets the conservative OpenAI-compatible limits.</param>
    /// <param name="options">Download limits and per-provider overrides; <see langword="null"/> for the defaults.</param>
    /// <param name="optimizer">Re-encodes images that do not fit (e.g. <c>PromptGen.ImageSharp</c>); <see langword="null"/> to only check the limits and fail with a clear error.</param>
    /// <param name="downloads">The client URL images are downloaded with when the provider cannot fetch them; <see langword="null"/> for a shared one.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="PromptImageException">At request time: an image is missing, corrupt, or cannot be fitted; the message names the parameter and source.</exception>
    public static ChatClientBuilder UseImageFitting(this ChatClientBuilder builder, string provider, ImageOptions? options = null, IImageOptimizer? optimizer = null, HttpClient? downloads = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        options ??= new ImageOptions();
        options.Validate();
        var resolver = new ImageResolver(optimizer ?? LimitsCheckingOptimizer.Instance, options, new ImageDownloader(downloads ?? SharedDownloads.Client, options, TimeProvider.System));
        var limits = ProviderImageLimits.For(provider, ProviderDefaults.BuiltIn.TryGetValue(provider, out var builtIn) ? builtIn.Kind : null, options);
        return builder.Use(inner => new ImageFittingChatClient(inner, resolver, limits, provider, provider));
    }

    /// <summary>One download client for every standalone image middleware (an HttpClient per pipeline would exhaust sockets).</summary>
    private static class SharedDownloads
    {
        public static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
