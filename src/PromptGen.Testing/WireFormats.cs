using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PromptGen.Testing;

/// <summary>A reply to send: text, usage, and whether the content filter "blocked" it.</summary>
internal sealed record SimulatedReply(string Text, int InputTokens, int OutputTokens, bool Filtered);

/// <summary>Writes replies and errors in each provider's wire format (JSON, SSE, NDJSON).</summary>
internal static class WireFormats
{
    public static async Task WriteReplyAsync(HttpContext context, RecordedRequest request, SimulatedReply reply, bool cutStream, long created)
    {
        var model = request.Model ?? "simulated";
        var id = "sim-" + Guid.NewGuid().ToString("N")[..12];
        var response = context.Response;
        var chunks = Chunks(reply.Text);
        if (!request.Stream)
        {
            var body = request.Protocol switch
            {
                SimulatorProtocol.Anthropic => AnthropicMessage(id, model, reply),
                SimulatorProtocol.Ollama => OllamaMessage(model, reply, created),
                _ => OpenAICompletion(id, model, reply, created),
            };
            response.ContentType = "application/json";
            var text = body.ToJsonString();
            if (cutStream)
            {
                await response.WriteAsync(text[..(text.Length / 2)], context.RequestAborted).ConfigureAwait(false);
                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                context.Abort();
                return;
            }

            await response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        response.ContentType = request.Protocol == SimulatorProtocol.Ollama ? "application/x-ndjson" : "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var events = request.Protocol switch
        {
            SimulatorProtocol.Anthropic => AnthropicEvents(id, model, reply, chunks),
            SimulatorProtocol.Ollama => OllamaLines(model, reply, chunks, created),
            _ => OpenAIEvents(id, model, reply, chunks, created, IncludeUsage(request)),
        };
        var sent = 0;
        foreach (var item in events)
        {
            await response.WriteAsync(item, context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            if (cutStream && ++sent == 3)
            {
                context.Abort();
                return;
            }
        }
    }

    public static async Task WriteErrorAsync(HttpContext context, SimulatorProtocol protocol, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        JsonNode body = protocol switch
        {
            SimulatorProtocol.Anthropic => new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } },
            SimulatorProtocol.Ollama => new JsonObject { ["error"] = message },
            _ => new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = type } },
        };
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static bool IncludeUsage(RecordedRequest request) =>
        request.BodyJson is { } json && json.TryGetProperty("stream_options", out var options)
        && options.TryGetProperty("include_usage", out var include) && include.ValueKind == System.Text.Json.JsonValueKind.True;

    private static List<string> Chunks(string text)
    {
        // Three-ish deltas, split on word boundaries, so clients see a real stream.
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

    private static JsonObject OpenAIUsage(SimulatedReply reply) => new()
    {
        ["prompt_tokens"] = reply.InputTokens,
        ["completion_tokens"] = reply.OutputTokens,
        ["total_tokens"] = reply.InputTokens + reply.OutputTokens,
    };

    private static JsonObject OpenAICompletion(string id, string model, SimulatedReply reply, long created) => new()
    {
        ["id"] = "chatcmpl-" + id,
        ["object"] = "chat.completion",
        ["created"] = created,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Filtered ? null : reply.Text },
            ["finish_reason"] = reply.Filtered ? "content_filter" : "stop",
        }),
        ["usage"] = OpenAIUsage(reply),
    };

    private static IEnumerable<string> OpenAIEvents(string id, string model, SimulatedReply reply, List<string> chunks, long created, bool usage)
    {
        JsonObject Chunk(JsonObject delta, string? finish) => new()
        {
            ["id"] = "chatcmpl-" + id,
            ["object"] = "chat.completion.chunk",
            ["created"] = created,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };

        yield return Sse(null, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null));
        if (!reply.Filtered)
        {
            foreach (var chunk in chunks)
            {
                yield return Sse(null, Chunk(new JsonObject { ["content"] = chunk }, null));
            }
        }

        yield return Sse(null, Chunk(new JsonObject(), reply.Filtered ? "content_filter" : "stop"));
        if (usage)
        {
            yield return Sse(null, new JsonObject
            {
                ["id"] = "chatcmpl-" + id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = model,
                ["choices"] = new JsonArray(),
                ["usage"] = OpenAIUsage(reply),
            });
        }

        yield return "data: [DONE]\n\n";
    }

    private static JsonObject AnthropicMessage(string id, string model, SimulatedReply reply) => new()
    {
        ["id"] = "msg_" + id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = reply.Filtered ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "text", ["text"] = reply.Text }),
        ["stop_reason"] = reply.Filtered ? "refusal" : "end_turn",
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = reply.InputTokens, ["output_tokens"] = reply.OutputTokens },
    };

    private static IEnumerable<string> AnthropicEvents(string id, string model, SimulatedReply reply, List<string> chunks)
    {
        var start = AnthropicMessage(id, model, reply with { Text = string.Empty, Filtered = false });
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        start["usage"] = new JsonObject { ["input_tokens"] = reply.InputTokens, ["output_tokens"] = 1 };
        yield return Sse("message_start", new JsonObject { ["type"] = "message_start", ["message"] = start });
        if (!reply.Filtered)
        {
            yield return Sse("content_block_start", new JsonObject
            {
                ["type"] = "content_block_start",
                ["index"] = 0,
                ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = string.Empty },
            });
            foreach (var chunk in chunks)
            {
                yield return Sse("content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta",
                    ["index"] = 0,
                    ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = chunk },
                });
            }

            yield return Sse("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
        }

        yield return Sse("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = reply.Filtered ? "refusal" : "end_turn", ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = reply.OutputTokens },
        });
        yield return Sse("message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    private static JsonObject OllamaMessage(string model, SimulatedReply reply, long created) => new()
    {
        ["model"] = model,
        ["created_at"] = DateTimeOffset.FromUnixTimeSeconds(created).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text },
        ["done"] = true,
        ["done_reason"] = "stop",
        ["prompt_eval_count"] = reply.InputTokens,
        ["eval_count"] = reply.OutputTokens,
    };

    private static IEnumerable<string> OllamaLines(string model, SimulatedReply reply, List<string> chunks, long created)
    {
        foreach (var chunk in chunks)
        {
            yield return new JsonObject
            {
                ["model"] = model,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = chunk },
                ["done"] = false,
            }.ToJsonString() + "\n";
        }

        var last = OllamaMessage(model, reply, created);
        last["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Empty };
        yield return last.ToJsonString() + "\n";
    }

    private static string Sse(string? eventName, JsonNode data) =>
        (eventName is null ? string.Empty : $"event: {eventName}\n") + $"data: {data.ToJsonString()}\n\n";
}
