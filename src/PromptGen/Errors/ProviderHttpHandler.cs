using System.Text.Json;

namespace PromptGen;

/// <summary>
/// The HTTP handler under every provider SDK: records non-success responses (status, <c>Retry-After</c>, the provider's
/// own message) for the current attempt so <see cref="ErrorMapper"/> classifies errors by status, never by message text.
/// </summary>
internal sealed class ProviderHttpHandler(TimeProvider timeProvider, SecretRedactor redactor) : DelegatingHandler
{
    private const int MaxErrorBodyChars = 4000;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = AttemptContext.Current;
        if (context is null)
        {
            return base.SendAsync(request, cancellationToken);
        }

        context.Requests++;
        var sending = base.SendAsync(request, cancellationToken);

        // A transport that answers at once with a success (an in-memory or caching handler) needs no async frame here.
        return sending.IsCompletedSuccessfully && sending.Result.IsSuccessStatusCode ? sending : RecordFailureAsync(sending, context, cancellationToken);
    }

    private async Task<HttpResponseMessage> RecordFailureAsync(Task<HttpResponseMessage> sending, AttemptContext context, CancellationToken cancellationToken)
    {
        var response = await sending.ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // Buffer the error body so the SDK can still read it after us.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var (message, code) = ParseError(body);
            context.Failure = new HttpFailure((int)response.StatusCode, RateLimitHeaders.RetryAfter(response.Headers, timeProvider.GetUtcNow()), redactor.Redact(message), code);
        }

        return response;
    }

    internal static (string? Message, string? Code) ParseError(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return (error.GetString(), null);
                }

                if (error.ValueKind == JsonValueKind.Object)
                {
                    var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()
                        : error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    return (message, code);
                }
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var plain) && plain.ValueKind == JsonValueKind.String)
            {
                return (plain.GetString(), null);
            }
        }
        catch (JsonException)
        {
            // Not JSON: keep the start of the body as the message.
        }

        return (body.Length > MaxErrorBodyChars ? body[..MaxErrorBodyChars] : body, null);
    }
}
