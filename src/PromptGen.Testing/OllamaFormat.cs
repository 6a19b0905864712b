using System.Globalization;
using System.Text.Json.Nodes;

namespace PromptGen.Testing;

/// <summary>Ollama's native chat API: one JSON object, or NDJSON lines ending with <c>done: true</c>.</summary>
internal static class OllamaFormat
{
    public static JsonObject Message(string model, SimulatedReply reply, long created) => new()
    {
        ["model"] = model,
        ["created_at"] = CreatedAt(created),
        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text },
        ["done"] = true,
        ["done_reason"] = reply.Filtered ? "content_filter" : reply.Truncated ? "length" : "stop",
        ["total_duration"] = 0,
        ["load_duration"] = 0,
        ["prompt_eval_count"] = reply.InputTokens,
        ["prompt_eval_duration"] = 0,
        ["eval_count"] = reply.OutputTokens,
        ["eval_duration"] = 0,
    };

    public static List<string> Lines(string model, SimulatedReply reply, List<string> chunks, long created)
    {
        var lines = new List<string>();
        if (!reply.Filtered)
        {
            lines.AddRange(chunks.Select(chunk => new JsonObject
            {
                ["model"] = model,
                ["created_at"] = CreatedAt(created),
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = chunk },
                ["done"] = false,
            }.ToJsonString() + "\n"));
        }

        var last = Message(model, reply, created);
        last["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Empty };
        lines.Add(last.ToJsonString() + "\n");
        return lines;
    }

    private static string CreatedAt(long created) =>
        DateTimeOffset.FromUnixTimeSeconds(created).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
