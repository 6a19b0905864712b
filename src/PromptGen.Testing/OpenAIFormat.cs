using System.Text.Json;
using System.Text.Json.Nodes;

namespace PromptGen.Testing;

/// <summary>OpenAI chat completions: <c>chat.completion</c> JSON and <c>chat.completion.chunk</c> SSE.</summary>
internal static class OpenAIFormat
{
    public static bool IncludeUsage(RecordedRequest request) =>
        request.BodyJson is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("stream_options", out var options)
        && options.ValueKind == JsonValueKind.Object
        && options.TryGetProperty("include_usage", out var include) && include.ValueKind == JsonValueKind.True;

    public static JsonObject Completion(string id, string model, SimulatedReply reply, long created) => new()
    {
        ["id"] = "chatcmpl-" + id,
        ["object"] = "chat.completion",
        ["created"] = created,
        ["model"] = model,
        ["choices"] = new JsonArray([.. Enumerable.Range(0, reply.Choices).Select(index => (JsonNode)new JsonObject
        {
            ["index"] = index,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Filtered ? null : reply.Text, ["refusal"] = null },
            ["logprobs"] = null,
            ["finish_reason"] = FinishReason(reply),
        })]),
        ["usage"] = Usage(reply),
        ["system_fingerprint"] = "fp_simulator",
    };

    public static List<string> Events(string id, string model, SimulatedReply reply, List<string> chunks, long created, bool includeUsage)
    {
        JsonObject Chunk(JsonArray choices) => new()
        {
            ["id"] = "chatcmpl-" + id,
            ["object"] = "chat.completion.chunk",
            ["created"] = created,
            ["model"] = model,
            ["system_fingerprint"] = "fp_simulator",
            ["choices"] = choices,
        };

        JsonObject Choice(int index, JsonObject delta, string? finish) =>
            Chunk(new JsonArray(new JsonObject { ["index"] = index, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish }));

        // With n > 1 each choice streams under its own index, one after the other.
        var events = new List<string>();
        for (var index = 0; index < reply.Choices; index++)
        {
            events.Add(WireFormats.Sse(null, Choice(index, new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null)));
            if (!reply.Filtered)
            {
                var i = index;
                events.AddRange(chunks.Select(chunk => WireFormats.Sse(null, Choice(i, new JsonObject { ["content"] = chunk }, null))));
            }

            events.Add(WireFormats.Sse(null, Choice(index, new JsonObject(), FinishReason(reply))));
        }

        if (includeUsage)
        {
            var usage = Chunk([]);
            usage["usage"] = Usage(reply);
            events.Add(WireFormats.Sse(null, usage));
        }

        events.Add("data: [DONE]\n\n");
        return events;
    }

    private static string FinishReason(SimulatedReply reply) => reply.Filtered ? "content_filter" : reply.Truncated ? "length" : "stop";

    /// <summary>Usage over all choices: every choice's tokens count as completion tokens.</summary>
    private static JsonObject Usage(SimulatedReply reply) => new()
    {
        ["prompt_tokens"] = reply.InputTokens,
        ["completion_tokens"] = reply.OutputTokens * reply.Choices,
        ["total_tokens"] = reply.InputTokens + (reply.OutputTokens * reply.Choices),
    };
}
