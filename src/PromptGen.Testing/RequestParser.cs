using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PromptGen.Testing;

/// <summary>Reads what the simulator needs from a request of any protocol.</summary>
internal static partial class RequestParser
{
    public static SimulatorProtocol ProtocolOf(HttpRequest request)
    {
        var path = request.Path.Value ?? string.Empty;
        if (!HttpMethods.IsPost(request.Method))
        {
            return SimulatorProtocol.Other;
        }

        return path.EndsWith("/chat/completions", StringComparison.Ordinal) ? SimulatorProtocol.OpenAI
            : path.EndsWith("/v1/messages", StringComparison.Ordinal) ? SimulatorProtocol.Anthropic
            : path.EndsWith("/api/chat", StringComparison.Ordinal) ? SimulatorProtocol.Ollama
            : SimulatorProtocol.Other;
    }

    public static RecordedRequest Parse(HttpRequest request, string body, SimulatorProtocol protocol, DateTimeOffset now)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        JsonElement? json = null;
        string? model = null, system = null, lastUser = null, firstUserText = null, lastUserAll = null;
        var stream = false;
        var count = 0;
        int? maxTokens = null;
        var choices = 1;
        List<RecordedImage> images = [];
        JsonElement? schema = null;
        var promptLength = body.Length;
        if (body.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement.Clone();
                json = root;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    stream = root.TryGetProperty("stream", out var s) ? s.ValueKind == JsonValueKind.True : protocol == SimulatorProtocol.Ollama;
                    (system, lastUser, count, promptLength) = Conversation(root, protocol);
                    (firstUserText, lastUserAll) = UserMessages(root);
                    images = Images(root);
                    schema = ResponseSchema(root);
                    maxTokens = MaxTokens(root, protocol);
                    choices = protocol == SimulatorProtocol.OpenAI && root.TryGetProperty("n", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var value) ? value : 1;
                }
            }
            catch (JsonException)
            {
                // Recorded as raw text; the handler answers 400.
            }
        }

        return new RecordedRequest
        {
            Protocol = protocol,
            Method = request.Method,
            Path = request.Path + request.QueryString,
            Headers = headers,
            Body = body,
            BodyJson = json,
            Model = model,
            Stream = stream,
            SystemText = system,
            LastUserText = lastUser,
            FirstUserMessageText = firstUserText,
            LastUserMessageText = lastUserAll,
            MessageCount = count,
            Images = images,
            ResponseSchema = schema,
            MaxTokens = maxTokens,
            Choices = choices,
            ReceivedAt = now,
            PromptLength = promptLength,
        };
    }

    /// <summary>The output-token limit in the protocol's own field (Ollama's <c>num_predict</c> only when positive: -1 and -2 mean none).</summary>
    private static int? MaxTokens(JsonElement root, SimulatorProtocol protocol)
    {
        static int? Int(JsonElement parent, string name) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

        return protocol switch
        {
            SimulatorProtocol.OpenAI => Int(root, "max_completion_tokens") ?? Int(root, "max_tokens"),
            SimulatorProtocol.Anthropic => Int(root, "max_tokens"),
            SimulatorProtocol.Ollama => root.TryGetProperty("options", out var options) && Int(options, "num_predict") is > 0 and var predict ? predict : null,
            _ => null,
        };
    }

    /// <summary>The JSON schema a request asks the answer to follow, in any protocol's place for it.</summary>
    private static JsonElement? ResponseSchema(JsonElement root)
    {
        if (root.TryGetProperty("response_format", out var format) && format.ValueKind == JsonValueKind.Object
            && format.TryGetProperty("json_schema", out var named) && named.ValueKind == JsonValueKind.Object && named.TryGetProperty("schema", out var openAI))
        {
            return openAI;
        }

        if (root.TryGetProperty("output_format", out format) && format.ValueKind == JsonValueKind.Object && format.TryGetProperty("schema", out var anthropic))
        {
            return anthropic;
        }

        if (root.TryGetProperty("output_config", out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("format", out format) && format.ValueKind == JsonValueKind.Object && format.TryGetProperty("schema", out anthropic))
        {
            return anthropic;
        }

        return root.TryGetProperty("format", out format) && format.ValueKind == JsonValueKind.Object ? format : null;
    }

    /// <summary>The system text, the last user text, the message count and the length of all prompt text.</summary>
    private static (string? System, string? LastUser, int Count, int PromptLength) Conversation(JsonElement root, SimulatorProtocol protocol)
    {
        var system = new List<string>();
        if (protocol == SimulatorProtocol.Anthropic && root.TryGetProperty("system", out var top))
        {
            system.Add(Text(top, last: false));
        }

        string? lastUser = null;
        var count = 0;
        var length = system.Sum(s => s.Length);
        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                count++;
                if (message.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                var content = message.TryGetProperty("content", out var c) ? c : default;
                length += Text(content, last: false).Length;
                if (role is "system" or "developer")
                {
                    system.Add(Text(content, last: false));
                }
                else if (role == "user")
                {
                    lastUser = Text(content, last: true);
                }
            }
        }

        return (system.Count == 0 ? null : string.Join("\n\n", system), lastUser, count, length);
    }

    /// <summary>The first and the last user message, each with all its text blocks joined (images in between left out).</summary>
    private static (string? First, string? Last) UserMessages(JsonElement root)
    {
        string? first = null, last = null;
        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String
                    && role.GetString() == "user")
                {
                    last = Text(message.TryGetProperty("content", out var content) ? content : default, last: false);
                    first ??= last;
                }
            }
        }

        return (first, last);
    }

    /// <summary>Text of a string or of an array of blocks: all text blocks joined, or only the last one.</summary>
    private static string Text(JsonElement content, bool last)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? string.Empty;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        foreach (var block in content.EnumerateArray())
        {
            if (block.ValueKind == JsonValueKind.Object && block.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                parts.Add(text.GetString() ?? string.Empty);
            }
        }

        return last ? parts.LastOrDefault() ?? string.Empty : string.Join("\n\n", parts);
    }

    public static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
