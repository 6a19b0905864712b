using System.Globalization;
using System.Net.Http.Headers;

namespace PromptGen;

/// <summary>Downloads image URLs for providers that cannot fetch them: http(s) only, size-capped, timed on the <see cref="TimeProvider"/>.</summary>
internal sealed class ImageDownloader(HttpClient http, ImageOptions options, TimeProvider time)
{
    public async Task<byte[]> DownloadAsync(PromptImageContent content, CancellationToken cancellationToken)
    {
        var url = content.Image.Url!;
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw ImageLoader.Error(content, "is not an http or https URL; only those are downloaded. Pass the image as a file or bytes.");
        }

        using var timeout = new CancellationTokenSource(options.DownloadTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/*"));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw ImageLoader.Error(content, $"could not be downloaded: the server answered HTTP {(int)response.StatusCode} ({response.ReasonPhrase}). Check the URL, or pass the image as a file or bytes.");
            }

            var type = response.Content.Headers.ContentType?.MediaType;
            if (type is null || !type.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            {
                throw ImageLoader.Error(content, $"is not an image: the server sent Content-Type '{type ?? "(none)"}'. Check that the URL points at the image itself, not a web page.");
            }

            if (response.Content.Headers.ContentLength > options.MaxDownloadBytes)
            {
                throw TooLarge(content);
            }

            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using var _ = stream.ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, linked.Token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > options.MaxDownloadBytes)
                {
                    throw TooLarge(content);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw ImageLoader.Error(content, $"did not download within {options.DownloadTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (PromptGen:Images:DownloadTimeout). Check the server, raise the timeout, or pass the image as a file.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw ImageLoader.Error(content, $"is unreachable ({exception.HttpRequestError}). Check the URL and the network, or pass the image as a file or bytes.", exception);
        }
    }

    private PromptImageException TooLarge(PromptImageContent content) => ImageLoader.Error(
        content,
        string.Create(CultureInfo.InvariantCulture, $"is larger than {options.MaxDownloadBytes:N0} bytes (PromptGen:Images:MaxDownloadBytes). Raise the cap or pass a smaller image."));
}
