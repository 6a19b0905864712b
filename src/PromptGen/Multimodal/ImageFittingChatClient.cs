using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>
/// Fits the <see cref="PromptImageContent"/> parts of a request to one provider's limits (format, size, pixels, count,
/// bytes per request) and replaces them with what that provider takes: image bytes, or the URL where it fetches URLs.
/// Inside the router each route's client is wrapped in one, and an attempt hands it the call's images (loaded once per
/// call, fitted once per route and reused by retries); used on its own (<see cref="ImageFittingChatClientBuilderExtensions.UseImageFitting"/>)
/// it loads and fits per request.
/// </summary>
internal sealed class ImageFittingChatClient(IChatClient inner, ImageResolver resolver, ImageLimits limits, string provider, string target) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        messages is IList<ChatMessage> list && !ImageResolver.HasImages(list)
            ? base.GetResponseAsync(messages, options, cancellationToken)
            : FittedAsync(messages, options, cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        messages is IList<ChatMessage> list && !ImageResolver.HasImages(list)
            ? base.GetStreamingResponseAsync(messages, options, cancellationToken)
            : FittedStreamAsync(messages, options, cancellationToken);

    private async Task<ChatResponse> FittedAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        await base.GetResponseAsync(await FitAsync(messages, cancellationToken).ConfigureAwait(false), options, cancellationToken).ConfigureAwait(false);

    private async IAsyncEnumerable<ChatResponseUpdate> FittedStreamAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fitted = await FitAsync(messages, cancellationToken).ConfigureAwait(false);
        await foreach (var update in base.GetStreamingResponseAsync(fitted, options, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private async ValueTask<IList<ChatMessage>> FitAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];

        // The router's attempt carries the call's images; on its own the client loads them for this request.
        var images = (AttemptContext.Current as IImageScope)?.Images ?? await ImageResolver.LoadAsync(list, cancellationToken).ConfigureAwait(false);
        return await resolver.PrepareAsync(images, list, limits, provider, target, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>What an attempt offers the image middleware: the images of its call, loaded once.</summary>
internal interface IImageScope
{
    /// <summary>Gets the call's loaded images; <see langword="null"/> when the call has none.</summary>
    ImageResolver.CallImages? Images { get; }
}
