using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PromptGen.Testing;

/// <summary>A reply to send: text, usage (per choice), and whether the content filter "blocked" it.</summary>
internal sealed record SimulatedReply(string Text, int InputTokens, int OutputTokens, bool Filtered)
{
    /// <summary>Gets a value indicating whether the text was cut at the request's output-token limit.</summary>
    public bool Truncated { get; init; }

    /// <summary>Gets the number of choices to send (OpenAI <c>n</c>), each with the same text.</summary>
    public int Choices { get; init; } = 1;

    /// <summary>
    /// The reply as the request allows it: as many choices as it asked for, and cut to its output-token limit the way
    /// the real APIs cut (at the limit, mid-word if need be, reporting exactly the limit as output tokens, with the
    /// "length" stop reason). Characters are kept in proportion to the tokens, so a rule's own usage counts too.
    /// </summary>
    public SimulatedReply FitTo(RecordedRequest request)
    {
        var fitted = this with { Choices = request.Protocol == SimulatorProtocol.OpenAI ? Math.Max(1, request.Choices) : 1 };
        if (request.MaxTokens is not { } max || Filtered || OutputTokens <= max)
        {
            return fitted;
        }

        var keep = (int)((long)Text.Length * max / OutputTokens);
        if (keep > 0 && keep < Text.Length && char.IsHighSurrogate(Text[keep - 1]))
        {
            keep--;
        }

        return fitted with { Text = Text[..keep], OutputTokens = max, Truncated = true };
    }
}

/// <summary>An error to send: the HTTP status, the provider error types, and the message.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="AnthropicType">The Anthropic <c>error.type</c>.</param>
/// <param name="OpenAIType">The OpenAI <c>error.type</c>.</param>
/// <param name="OpenAICode">The OpenAI <c>error.code</c>.</param>
/// <param name="Message">The message.</param>
internal sealed record SimulatedError(int Status, string AnthropicType, string OpenAIType, string? OpenAICode, string Message);

/// <summary>Writes replies and errors in each provider's wire format (JSON, SSE, NDJSON).</summary>
internal static class WireFormats
{
    public static async Task WriteReplyAsync(HttpContext context, RecordedRequest request, SimulatedReply reply, bool cut, long created, CancellationToken cancellationToken, TimeSpan interval = default, TimeProvider? time = null, bool stall = false, int chunkSize = 0)
    {
        var model = request.Model ?? "simulated";
        var id = NewId();
        var response = context.Response;
        SetRequestId(response, request.Protocol, id);
        if (!request.Stream)
        {
            var body = request.Protocol switch
            {
                SimulatorProtocol.Anthropic => AnthropicFormat.Message(id, model, reply),
                SimulatorProtocol.Ollama => OllamaFormat.Message(model, reply, created),
                _ => OpenAIFormat.Completion(id, model, reply, created),
            };
            response.ContentType = "application/json";
            var text = body.ToJsonString();
            if (cut || stall)
            {
                // Half a body, then the connection drops (or goes quiet): the client fails while reading it.
                if (cut)
                {
                    response.ContentLength = Encoding.UTF8.GetByteCount(text);
                }

                await response.WriteAsync(text[..(text.Length / 2)], cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                await EndEarlyAsync(context, stall, time, cancellationToken).ConfigureAwait(false);
                return;
            }

            await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
            return;
        }

        response.ContentType = request.Protocol == SimulatorProtocol.Ollama ? "application/x-ndjson" : "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var chunks = chunkSize > 0 ? [.. reply.Text.Chunk(chunkSize).Select(c => new string(c))] : Chunks(reply.Text);
        var events = request.Protocol switch
        {
            SimulatorProtocol.Anthropic => AnthropicFormat.Events(id, model, reply, chunks),
            SimulatorProtocol.Ollama => OllamaFormat.Lines(model, reply, chunks, created),
            _ => OpenAIFormat.Events(id, model, reply, chunks, created, OpenAIFormat.IncludeUsage(request)),
        };

        if (cut)
        {
            // A cut announces the whole stream's length, so it goes out unchunked and ends by closing the connection
            // short of that length (see EndEarlyAsync).
            response.ContentLength = events.Sum(e => (long)Encoding.UTF8.GetByteCount(e));
        }

        // A cut stream sends its opening and a couple of deltas, never its end.
        var cutAt = !cut && !stall ? int.MaxValue : Math.Max(1, Math.Min(events.Count - 1, request.Protocol switch
        {
            SimulatorProtocol.Anthropic => 4, // message_start, content_block_start, two deltas
            SimulatorProtocol.Ollama => 2,    // two content lines
            _ => 3,                           // role chunk, two content chunks
        }));
        // The event carrying the first text: after the role chunk (OpenAI), after message_start and content_block_start
        // (Anthropic), the first line (Ollama). Later events wait the rule's token interval.
        var firstText = request.Protocol switch
        {
            SimulatorProtocol.Anthropic => 2,
            SimulatorProtocol.Ollama => 0,
            _ => 1,
        };
        for (var i = 0; i < events.Count; i++)
        {
            if (i > firstText && interval > TimeSpan.Zero)
            {
                // Also before a cut: the connection drops when the next event is due.
                await Task.Delay(interval, time ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }

            if (i == cutAt)
            {
                await EndEarlyAsync(context, stall, time, cancellationToken).ConfigureAwait(false);
                return;
            }

            await response.WriteAsync(events[i], cancellationToken).ConfigureAwait(false);
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A cut reply ends short of its announced Content-Length: Kestrel then sends what was written and closes the
    /// connection, so the client reads the partial events first and then fails (an abort here would reset the socket
    /// before the flushed events leave, and no client would ever see a partial stream). A stalled reply sends nothing
    /// more until the client gives up or the simulator stops.
    /// </summary>
    private static async Task EndEarlyAsync(HttpContext context, bool stall, TimeProvider? time, CancellationToken cancellationToken)
    {
        if (stall)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
            context.Abort();
        }
    }

    public static async Task WriteErrorAsync(HttpContext context, SimulatorProtocol protocol, SimulatedError error, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        SetRequestId(response, protocol, NewId());
        JsonNode body = protocol switch
        {
            SimulatorProtocol.Anthropic => new JsonObject
            {
                ["type"] = "error",
                ["error"] = new JsonObject { ["type"] = error.AnthropicType, ["message"] = error.Message },
            },
            SimulatorProtocol.Ollama => new JsonObject { ["error"] = error.Message },
            _ => new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["message"] = error.Message,
                    ["type"] = error.OpenAIType,
                    ["param"] = null,
                    ["code"] = error.OpenAICode,
                },
            },
        };
        await response.WriteAsync(body.ToJsonString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A body that starts like the real thing and stops in the middle of the JSON.</summary>
    public static async Task WriteMalformedAsync(HttpContext context, RecordedRequest request, CancellationToken cancellationToken)
    {
        var model = request.Model ?? "simulated";
        var (contentType, body) = (request.Protocol, request.Stream) switch
        {
            (SimulatorProtocol.Anthropic, true) => ("text/event-stream",
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_broken\",\"type\":\"message\",\"content\":[\n\n"),
            (SimulatorProtocol.Anthropic, false) => ("application/json",
                "{\"id\":\"msg_broken\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Trunc"),
            (SimulatorProtocol.Ollama, true) => ("application/x-ndjson",
                "{\"model\":\"" + model + "\",\"message\":{\"role\":\"assistant\",\"content\":\"Trunc\n"),
            (SimulatorProtocol.Ollama, false) => ("application/json",
                "{\"model\":\"" + model + "\",\"message\":{\"role\":\"assistant\",\"content\":\"Trunc"),
            (_, true) => ("text/event-stream",
                "data: {\"id\":\"chatcmpl-broken\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Trunc\n\n"),
            _ => ("application/json",
                "{\"id\":\"chatcmpl-broken\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Trunc"),
        };
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Splits a reply into about three deltas on word boundaries, so clients see a real stream.</summary>
    internal static List<string> Chunks(string text)
    {
        var size = Math.Max(1, (text.Length + 2) / 3);
        var chunks = new List<string>();
        for (var start = 0; start < text.Length;)
        {
            var end = Math.Min(text.Length, start + size);
            while (end < text.Length && !char.IsWhiteSpace(text[end - 1]))
            {
                end++;
            }

            chunks.Add(text[start..end]);
            start = end;
        }

        return chunks.Count == 0 ? [string.Empty] : chunks;
    }

    internal static string Sse(string? eventName, JsonNode data) =>
        (eventName is null ? string.Empty : $"event: {eventName}\n") + $"data: {data.ToJsonString()}\n\n";

    private static string NewId() => Guid.NewGuid().ToString("N")[..24];

    private static void SetRequestId(HttpResponse response, SimulatorProtocol protocol, string id)
    {
        if (protocol == SimulatorProtocol.Anthropic)
        {
            response.Headers["request-id"] = "req_" + id;
        }
        else if (protocol == SimulatorProtocol.OpenAI)
        {
            response.Headers["x-request-id"] = "req_" + id;
        }
    }
}
