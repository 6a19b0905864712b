using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PromptGen.Generated;

/// <summary>
/// What a generated method would send, rendered without sending it (<c>client.Render.MethodAsync(…)</c>): the messages,
/// the chat options (sampling settings, and for a typed result the JSON schema as the response format) and the model the
/// call would try first. Send it through any <see cref="IChatClient"/> or a batch API, then read the answer with the
/// method's rules (<c>client.Parse.MethodAsync(answer)</c>).
/// </summary>
public sealed class PromptRequest
{
    internal PromptRequest(string method, IReadOnlyList<ChatMessage> messages, ChatOptions options, string model, IReadOnlyList<string> fallbacks, JsonElement? schema)
    {
        Method = method;
        Messages = messages;
        Options = options;
        Model = model;
        Fallbacks = fallbacks;
        Schema = schema;
    }

    /// <summary>Gets the method, as <c>Namespace.IClient.MethodAsync</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the rendered messages, in order (system prompt, template messages, history).</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>
    /// Gets the chat options the call would send: temperature, output token limit, and for a typed result the response
    /// format with the JSON schema (strict where the schema allows it). <see cref="ChatOptions.ModelId"/> is the provider's
    /// name of <see cref="Model"/> (for example <c>gpt-4o-mini</c>). A new instance each time: change it freely.
    /// </summary>
    public ChatOptions Options { get; }

    /// <summary>Gets the PromptGen id of the model the call would try first (for example <c>openai/gpt-4o-mini</c>), after aliases and the configured default.</summary>
    public string Model { get; }

    /// <summary>Gets the fallback model ids the call would try next, in order.</summary>
    public IReadOnlyList<string> Fallbacks { get; }

    /// <summary>Gets the JSON schema of the result type, or <see langword="null"/> for a text result.</summary>
    public JsonElement? Schema { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Method} → {Model} ({Messages.Count} message(s))";
}
