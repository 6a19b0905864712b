using System.Text.Json.Nodes;

namespace PromptGen.Testing;

/// <summary>Anthropic Messages: <c>message</c> JSON and the <c>message_start</c> … <c>message_stop</c> SSE sequence.</summary>
internal static class AnthropicFormat
{
    public static JsonObject Message(string id, string model, SimulatedReply reply) => new()
    {
        ["id"] = "msg_" + id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = reply.Filtered ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "text", ["text"] = reply.Text }),
        ["stop_reason"] = StopReason(reply),
        ["stop_sequence"] = null,
        ["usage"] = Usage(reply.InputTokens, reply.OutputTokens),
    };

    public static List<string> Events(string id, string model, SimulatedReply reply, List<string> chunks)
    {
        var start = Message(id, model, reply);
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        start["usage"] = Usage(reply.InputTokens, 1);
        var events = new List<string> { WireFormats.Sse("message_start", new JsonObject { ["type"] = "message_start", ["message"] = start }) };
        if (!reply.Filtered)
        {
            events.Add(WireFormats.Sse("content_block_start", new JsonObject
            {
                ["type"] = "content_block_start",
                ["index"] = 0,
                ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = string.Empty },
            }));
            events.AddRange(chunks.Select(chunk => WireFormats.Sse("content_block_delta", new JsonObject
            {
                ["type"] = "content_block_delta",
                ["index"] = 0,
                ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = chunk },
            })));
            events.Add(WireFormats.Sse("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 }));
        }

        events.Add(WireFormats.Sse("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason(reply), ["stop_sequence"] = null },
            ["usage"] = Usage(reply.InputTokens, reply.OutputTokens),
        }));
        events.Add(WireFormats.Sse("message_stop", new JsonObject { ["type"] = "message_stop" }));
        return events;
    }

    private static string StopReason(SimulatedReply reply) => reply.Filtered ? "refusal" : reply.Truncated ? "max_tokens" : "end_turn";

    private static JsonObject Usage(int input, int output) => new()
    {
        ["input_tokens"] = input,
        ["cache_creation_input_tokens"] = 0,
        ["cache_read_input_tokens"] = 0,
        ["output_tokens"] = output,
        ["service_tier"] = "standard",
    };
}
