using System.Text.Json.Serialization;

namespace PromptGen;

internal sealed record UserLine([property: JsonPropertyName("message")] UserMessage Message)
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "user";
}

internal sealed record UserMessage([property: JsonPropertyName("content")] List<object> Content)
{
    [JsonPropertyName("role")]
    public string Role { get; init; } = "user";
}

internal sealed record TextBlock([property: JsonPropertyName("text")] string Text)
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "text";
}

internal sealed record ImageBlock([property: JsonPropertyName("source")] ImageSource Source)
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "image";
}

internal sealed record ImageSource(
    [property: JsonPropertyName("media_type")] string MediaType,
    [property: JsonPropertyName("data")] string Data)
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "base64";
}

/// <summary>Source-generated serialization of the stdin line (AOT-safe; polymorphic content listed explicitly).</summary>
[JsonSerializable(typeof(UserLine))]
[JsonSerializable(typeof(TextBlock))]
[JsonSerializable(typeof(ImageBlock))]
internal sealed partial class ClaudeCodeJsonContext : JsonSerializerContext;
