using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>
/// The recording file format (<c>promptgen-recording/1</c>): a request as a canonical JSON object (redacted, stable
/// property order, images as hash and size) and exchanges as response, usage and latency. The fingerprint is the SHA-256
/// of scope, model and the canonical request, so a reviewer can see exactly what a recording matches.
/// </summary>
internal static class RecordingFormat
{
    public const string Version = "promptgen-recording/1";

    public static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Request(IEnumerable<ChatMessage> messages, ChatOptions? options, SecretRedactor redactor)
    {
        var list = new JsonArray();
        foreach (var message in messages)
        {
            list.Add((JsonNode)Message(message, redactor, request: true));
        }

        var request = new JsonObject { ["messages"] = list };
        if (options is not null && Options(options, redactor) is { Count: > 0 } written)
        {
            request["options"] = written;
        }

        return request;
    }

    public static string Fingerprint(string? scope, string model, JsonObject request)
    {
        var text = $"{scope}\n{model}\n{request.ToJsonString(s_compact)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static JsonObject Exchange(ChatResponse response, bool streamed, TimeSpan latency, TimeSpan? firstToken, SecretRedactor redactor)
    {
        var messages = new JsonArray();
        foreach (var message in response.Messages)
        {
            messages.Add((JsonNode)Message(message, redactor, request: false));
        }

        var body = new JsonObject();
        Set(body, "modelId", response.ModelId);
        Set(body, "finishReason", response.FinishReason?.Value);
        if (response.Usage is { } usage)
        {
            var written = new JsonObject();
            Set(written, "inputTokens", usage.InputTokenCount);
            Set(written, "outputTokens", usage.OutputTokenCount);
            Set(written, "totalTokens", usage.TotalTokenCount);
            body["usage"] = written;
        }

        if (response.AdditionalProperties?.TryGetValue(PromptGenResponseProperties.CostUsd, out var cost) == true && cost is not null)
        {
            body["costUsd"] = Convert.ToDecimal(cost, CultureInfo.InvariantCulture);
        }

        body["messages"] = messages;
        var exchange = new JsonObject
        {
            ["streamed"] = streamed,
            ["latencyMs"] = Math.Round(latency.TotalMilliseconds, 1),
        };
        if (firstToken is { } first)
        {
            exchange["timeToFirstTokenMs"] = Math.Round(first.TotalMilliseconds, 1);
        }

        exchange["response"] = body;
        return exchange;
    }

    /// <summary>Rebuilds the response of a recorded exchange; a field it cannot read is a <see cref="FormatException"/> naming it.</summary>
    public static ChatResponse Response(JsonObject exchange)
    {
        var body = exchange["response"] as JsonObject ?? throw new FormatException("an exchange has no \"response\" object");
        var messages = new List<ChatMessage>();
        foreach (var node in body["messages"] as JsonArray ?? throw new FormatException("a response has no \"messages\" array"))
        {
            var message = node as JsonObject ?? throw new FormatException("a response message is not an object");
            var role = message["role"]?.GetValue<string>() ?? throw new FormatException("a response message has no \"role\"");
            var contents = new List<AIContent>();
            foreach (var part in message["contents"] as JsonArray ?? [])
            {
                contents.Add(part switch
                {
                    JsonObject p when p["text"] is { } text => new TextContent(text.GetValue<string>()),
                    JsonObject p when p["reasoning"] is { } reasoning => new TextReasoningContent(reasoning.GetValue<string>()),
                    JsonObject p when p["content"] is { } content => content.Deserialize((System.Text.Json.Serialization.Metadata.JsonTypeInfo<AIContent>)AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(AIContent)))
                        ?? throw new FormatException("a \"content\" part is null"),
                    _ => throw new FormatException($"a response content part is not text, reasoning or content: {part?.ToJsonString()}"),
                });
            }

            messages.Add(new ChatMessage(new ChatRole(role), contents));
        }

        var response = new ChatResponse(messages)
        {
            ModelId = body["modelId"]?.GetValue<string>(),
            FinishReason = body["finishReason"]?.GetValue<string>() is { } reason ? new ChatFinishReason(reason) : null,
        };
        if (body["usage"] is JsonObject usage)
        {
            response.Usage = new UsageDetails
            {
                InputTokenCount = usage["inputTokens"]?.GetValue<long>(),
                OutputTokenCount = usage["outputTokens"]?.GetValue<long>(),
                TotalTokenCount = usage["totalTokens"]?.GetValue<long>(),
            };
        }

        if (body["costUsd"] is { } cost)
        {
            response.AdditionalProperties = new() { [PromptGenResponseProperties.CostUsd] = cost.GetValue<decimal>() };
        }

        return response;
    }

    private static JsonObject Message(ChatMessage message, SecretRedactor redactor, bool request)
    {
        var contents = new JsonArray();
        foreach (var content in message.Contents)
        {
            contents.Add((JsonNode)Content(content, redactor, request));
        }

        var written = new JsonObject { ["role"] = message.Role.Value };
        Set(written, "authorName", message.AuthorName);
        written["contents"] = contents;
        return written;
    }

    private static JsonObject Content(AIContent content, SecretRedactor redactor, bool request) => content switch
    {
        TextContent text => new JsonObject { ["text"] = redactor.Redact(text.Text) },
        TextReasoningContent reasoning => new JsonObject { ["reasoning"] = redactor.Redact(reasoning.Text) },

        // A request's image is matched by its bytes; the recording need not repeat them.
        DataContent data when request => new JsonObject
        {
            ["data"] = new JsonObject { ["mediaType"] = data.MediaType, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(data.Data.Span)), ["bytes"] = data.Data.Length },
        },
        UriContent uri => new JsonObject { ["uri"] = new JsonObject { ["mediaType"] = uri.MediaType, ["uri"] = redactor.Redact(uri.Uri.ToString()) } },
        _ => new JsonObject { ["content"] = JsonNode.Parse(redactor.Redact(JsonSerializer.Serialize(content, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(AIContent))))) },
    };

    private static JsonObject Options(ChatOptions options, SecretRedactor redactor)
    {
        var written = new JsonObject();
        Set(written, "modelId", options.ModelId);
        Set(written, "instructions", options.Instructions is null ? null : redactor.Redact(options.Instructions));
        Set(written, "temperature", options.Temperature);
        Set(written, "topP", options.TopP);
        Set(written, "topK", options.TopK);
        Set(written, "maxOutputTokens", options.MaxOutputTokens);
        Set(written, "seed", options.Seed);
        Set(written, "frequencyPenalty", options.FrequencyPenalty);
        Set(written, "presencePenalty", options.PresencePenalty);
        if (options.StopSequences is { Count: > 0 } stops)
        {
            written["stopSequences"] = new JsonArray([.. stops.Select(s => (JsonNode?)s)]);
        }

        switch (options.ResponseFormat)
        {
            case ChatResponseFormatJson json:
                var format = new JsonObject { ["type"] = "json" };
                Set(format, "schemaName", json.SchemaName);
                Set(format, "schemaDescription", json.SchemaDescription);
                if (json.Schema is { } schema)
                {
                    format["schema"] = JsonNode.Parse(schema.GetRawText());
                }

                written["responseFormat"] = format;
                break;
            case ChatResponseFormatText:
                written["responseFormat"] = new JsonObject { ["type"] = "text" };
                break;
        }

        if (options.Tools is { Count: > 0 } tools)
        {
            written["tools"] = new JsonArray([.. tools.Select(t => (JsonNode?)t.Name)]);
        }

        if (options.AdditionalProperties is { Count: > 0 } extra)
        {
            var properties = new JsonObject();
            foreach (var (key, value) in extra.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                properties[key] = redactor.Redact(Convert.ToString(value, CultureInfo.InvariantCulture));
            }

            written["additionalProperties"] = properties;
        }

        return written;
    }

    private static void Set(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static void Set(JsonObject target, string name, long? value)
    {
        if (value is { } v)
        {
            target[name] = v;
        }
    }

    private static void Set(JsonObject target, string name, double? value)
    {
        if (value is { } v)
        {
            target[name] = v;
        }
    }
}
