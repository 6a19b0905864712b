using System.Globalization;
using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>
/// Turns <see cref="PromptImageContent"/> parts into what a route's provider takes: loads each image once per call, then
/// for each route fits it to that provider's limits (once per route, reused by retries) or passes its URL through.
/// </summary>
internal sealed class ImageResolver(IImageOptimizer optimizer, ImageOptions options, ImageDownloader downloader)
{
    public static bool HasImages(IList<ChatMessage> messages)
    {
        // Indexed loops: this runs on every call, and foreach over the IList interfaces would box two enumerators.
        for (var i = 0; i < messages.Count; i++)
        {
            var contents = messages[i].Contents;
            for (var j = 0; j < contents.Count; j++)
            {
                if (contents[j] is PromptImageContent)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Loads every file and byte image of the call (URL images wait for a route that needs the bytes); <see langword="null"/> when there is none.</summary>
    public static async Task<CallImages?> LoadAsync(IList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        if (!HasImages(messages))
        {
            return null;
        }

        var images = new CallImages();
        foreach (var content in messages.SelectMany(m => m.Contents).OfType<PromptImageContent>())
        {
            if (!images.Loaded.ContainsKey(content))
            {
                images.Loaded[content] = content.Image.Kind == ImageSourceKind.Url ? null : await ImageLoader.LoadAsync(content, cancellationToken).ConfigureAwait(false);
            }
        }

        return images;
    }

    /// <summary>The limits images are fitted to for an endpoint: the user's override, the provider's entry, then the protocol's default.</summary>
    public ImageLimits LimitsFor(ResolvedEndpoint endpoint) => ProviderImageLimits.For(endpoint, options);

    /// <summary>
    /// The messages for one target (a route), with every image fitted to <paramref name="limits"/>; the same list for
    /// every retry of the target within the call.
    /// </summary>
    public ValueTask<IList<ChatMessage>> PrepareAsync(CallImages? images, IList<ChatMessage> messages, ImageLimits limits, string provider, string target, CancellationToken cancellationToken) =>
        images is null ? new(messages) : PrepareImagesAsync(images, messages, limits, provider, target, cancellationToken);

    private async ValueTask<IList<ChatMessage>> PrepareImagesAsync(CallImages images, IList<ChatMessage> messages, ImageLimits limits, string provider, string target, CancellationToken cancellationToken)
    {
        if (images.Prepared.TryGetValue(target, out var prepared))
        {
            return prepared;
        }

        var count = messages.Sum(m => m.Contents.Count(c => c is PromptImageContent));
        if (count > limits.MaxImages)
        {
            var first = messages.SelectMany(m => m.Contents).OfType<PromptImageContent>().First();
            throw new PromptImageException(string.Create(
                CultureInfo.InvariantCulture,
                $"The call has {count} images (the first is {first.Description}); provider '{provider}' takes at most {limits.MaxImages} per request. Send fewer images, split the call, or use a model that takes more."))
            {
                Parameter = first.ParameterName,
                ImageSource = first.Image.ToString(),
            };
        }

        var resolved = new Dictionary<PromptImageContent, AIContent>(ReferenceEqualityComparer.Instance);
        foreach (var image in messages.SelectMany(m => m.Contents).OfType<PromptImageContent>())
        {
            resolved[image] = await ResolveAsync(images, image, limits, cancellationToken).ConfigureAwait(false);
        }

        if (limits.MaxRequestBytes is { } budget)
        {
            await FitRequestAsync(images, resolved, limits, budget, provider, cancellationToken).ConfigureAwait(false);
        }

        var result = new List<ChatMessage>(messages.Count);
        foreach (var message in messages)
        {
            if (!message.Contents.Any(c => c is PromptImageContent))
            {
                result.Add(message);
                continue;
            }

            var copy = message.Clone();
            copy.Contents = [.. message.Contents.Select(c => c is PromptImageContent image ? resolved[image] : c)];
            result.Add(copy);
        }

        images.Prepared[target] = result;
        return result;
    }

    /// <summary>
    /// Keeps the images of one request within the provider's total: when the fitted images exceed it, those above an
    /// equal share of the budget (what the smaller images leave, split evenly) are fitted again to that share.
    /// </summary>
    private async ValueTask FitRequestAsync(CallImages images, Dictionary<PromptImageContent, AIContent> resolved, ImageLimits limits, long budget, string provider, CancellationToken cancellationToken)
    {
        var sent = resolved.Where(r => r.Value is DataContent).Select(r => (Image: r.Key, Bytes: (long)((DataContent)r.Value).Data.Length)).ToList();
        var total = sent.Sum(s => s.Bytes);
        if (total <= budget)
        {
            return;
        }

        var remaining = budget;
        var larger = sent.Count;
        foreach (var (_, bytes) in sent.OrderBy(s => s.Bytes))
        {
            if (bytes > remaining / larger)
            {
                break;
            }

            remaining -= bytes;
            larger--;
        }

        var share = remaining / larger;
        foreach (var (image, bytes) in sent.Where(s => s.Bytes > share))
        {
            try
            {
                resolved[image] = await ResolveAsync(images, image, limits with { MaxBytes = share, MaxRequestBytes = null }, cancellationToken).ConfigureAwait(false);
            }
            catch (PromptImageException error)
            {
                throw new PromptImageException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"The call's {sent.Count} images total {total:N0} bytes; provider '{provider}' takes at most {budget:N0} bytes of images per request, and image {image.Description} ({bytes:N0} bytes) cannot be fitted to its share of {share:N0} bytes. Send fewer or smaller images, or split the call. ({error.Message})"),
                    error)
                {
                    Parameter = image.ParameterName,
                    ImageSource = image.Image.ToString(),
                };
            }
        }
    }

    private async ValueTask<AIContent> ResolveAsync(CallImages images, PromptImageContent content, ImageLimits limits, CancellationToken cancellationToken)
    {
        if (content.Image.Kind == ImageSourceKind.Url && limits.AcceptsUrls)
        {
            return new UriContent(content.Image.Url!, "image/*");
        }

        var loaded = images.Loaded[content] ??= ImageLoader.Sniff(content, await downloader.DownloadAsync(content, cancellationToken).ConfigureAwait(false));
        EncodedImage fitted;
        try
        {
            fitted = await optimizer.FitAsync(loaded, limits, $"Image {content.Description}", cancellationToken).ConfigureAwait(false);
        }
        catch (PromptImageException error) when (error.Parameter is null && error.ImageSource is null)
        {
            throw new PromptImageException(error.Message, error.InnerException) { Parameter = content.ParameterName, ImageSource = content.Image.ToString() };
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or PromptImageException))
        {
            throw ImageLoader.Error(content, $"could not be processed ({exception.GetType().Name}: {exception.Message}). The file may be corrupt; re-export it as PNG or JPEG.", exception);
        }

        return new DataContent(fitted.Data, fitted.MediaType);
    }

    /// <summary>The images of one call: loaded once, prepared once per route.</summary>
    internal sealed class CallImages
    {
        public Dictionary<PromptImageContent, EncodedImage?> Loaded { get; } = new(ReferenceEqualityComparer.Instance);

        public Dictionary<string, IList<ChatMessage>> Prepared { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
