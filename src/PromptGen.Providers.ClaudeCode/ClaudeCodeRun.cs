using System.Text.Json;

namespace PromptGen;

/// <summary>What one CLI run produced: the final <c>result</c> line (if any), the exit code and the tail of stderr.</summary>
internal sealed class ClaudeCodeRun
{
    public JsonElement? Result { get; set; }

    public string? SessionId { get; set; }

    public List<string> AssistantTexts { get; } = [];

    public int ExitCode { get; set; }

    public string StandardError { get; set; } = string.Empty;

    /// <summary>Reads one stdout line; returns the text delta it carries when streaming, if any.</summary>
    public string? Accept(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || line[0] != '{')
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            switch (root.TryGetProperty("type", out var type) ? type.GetString() : null)
            {
                case "system" when root.TryGetProperty("session_id", out var session):
                    SessionId = session.GetString();
                    return null;
                case "assistant" when root.TryGetProperty("message", out var message) && message.TryGetProperty("content", out var content):
                    foreach (var block in content.EnumerateArray())
                    {
                        if (block.TryGetProperty("type", out var blockType) && blockType.GetString() == "text" && block.TryGetProperty("text", out var text))
                        {
                            AssistantTexts.Add(text.GetString() ?? string.Empty);
                        }
                    }

                    return null;
                case "stream_event" when root.TryGetProperty("event", out var streamEvent)
                    && streamEvent.TryGetProperty("delta", out var delta)
                    && delta.TryGetProperty("type", out var deltaType) && deltaType.GetString() == "text_delta"
                    && delta.TryGetProperty("text", out var deltaText):
                    return deltaText.GetString();
                case "result":
                    Result = root.Clone();
                    return null;
                default:
                    // Unknown line types (status, tool use, future additions) carry nothing PromptGen needs.
                    return null;
            }
        }
    }
}
