using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>
/// Adapts a JSON-schema response format to what the provider supports: passed through (native), downgraded to JSON mode
/// with the schema as an instruction, or replaced by the instruction alone.
/// </summary>
internal sealed class StructuredOutputChatClient(IChatClient inner, StructuredOutputMode mode) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (adaptedMessages, adaptedOptions) = Adapt(messages, options);
        return base.GetResponseAsync(adaptedMessages, adaptedOptions, cancellationToken);
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (adaptedMessages, adaptedOptions) = Adapt(messages, options);
        return base.GetStreamingResponseAsync(adaptedMessages, adaptedOptions, cancellationToken);
    }

    internal static string Instruction(JsonElement? schema) => schema is { } s
        ? $"Respond with only a JSON value that conforms to this JSON Schema. No prose, no code fences.\nSchema:\n{s.GetRawText()}"
        : "Respond with only a JSON value. No prose, no code fences.";

    private (IEnumerable<ChatMessage> Messages, ChatOptions? Options) Adapt(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (mode == StructuredOutputMode.Native || options?.ResponseFormat is not ChatResponseFormatJson json)
        {
            return (messages, options);
        }

        var adapted = options.Clone();
        adapted.ResponseFormat = mode == StructuredOutputMode.JsonMode ? ChatResponseFormat.Json : null;
        return (WithInstruction(messages, Instruction(json.Schema)), adapted);
    }

    private static List<ChatMessage> WithInstruction(IEnumerable<ChatMessage> messages, string instruction)
    {
        var list = new List<ChatMessage>(messages);
        var system = list.FindIndex(m => m.Role == ChatRole.System);
        if (system >= 0)
        {
            list[system] = new ChatMessage(ChatRole.System, list[system].Text + "\n\n" + instruction);
        }
        else
        {
            list.Insert(0, new ChatMessage(ChatRole.System, instruction));
        }

        return list;
    }
}
