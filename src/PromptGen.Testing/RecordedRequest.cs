using System.Text.Json;

namespace PromptGen.Testing;

/// <summary>A request the simulator received, recorded before any reply or fault was produced.</summary>
public sealed class RecordedRequest
{
    /// <summary>Gets the protocol the request was addressed to.</summary>
    public required SimulatorProtocol Protocol { get; init; }

    /// <summary>Gets the HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the path, including the query string.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the request headers (case-insensitive keys; repeated headers joined with a comma).</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>Gets the raw body.</summary>
    public required string Body { get; init; }

    /// <summary>Gets the body parsed as JSON, when it was JSON.</summary>
    public JsonElement? BodyJson { get; init; }

    /// <summary>Gets the requested model.</summary>
    public string? Model { get; init; }

    /// <summary>Gets a value indicating whether a streamed reply was asked for.</summary>
    public bool Stream { get; init; }

    /// <summary>Gets the system prompt text (all system parts joined with a blank line).</summary>
    public string? SystemText { get; init; }

    /// <summary>Gets the text of the last text block of the last user message.</summary>
    public string? LastUserText { get; init; }

    /// <summary>
    /// Gets the text of the first user message, every text block joined with a blank line: the prompt as written, also
    /// on later turns (a re-ask, a conversation) and with images between its text blocks.
    /// </summary>
    public string? FirstUserMessageText { get; init; }

    /// <summary>Gets the text of the last user message, every text block joined with a blank line (on a re-ask, the repair message).</summary>
    public string? LastUserMessageText { get; init; }

    /// <summary>Gets the number of messages in the conversation (system messages included for OpenAI and Ollama, where they are messages).</summary>
    public int MessageCount { get; init; }

    /// <summary>Gets every image part of the conversation, in order (OpenAI <c>image_url</c>, Anthropic <c>image</c>, Ollama <c>images</c>).</summary>
    public IReadOnlyList<RecordedImage> Images { get; init; } = [];

    /// <summary>
    /// Gets the JSON schema the request asked the answer to follow (OpenAI <c>response_format.json_schema.schema</c>,
    /// Anthropic <c>output_format.schema</c> or <c>output_config.format.schema</c>, Ollama <c>format</c>), if any.
    /// </summary>
    public JsonElement? ResponseSchema { get; init; }

    /// <summary>
    /// Gets the most output tokens the request allows (OpenAI <c>max_completion_tokens</c> or <c>max_tokens</c>, Anthropic
    /// <c>max_tokens</c>, Ollama <c>options.num_predict</c> when positive), if it set one. A longer reply is cut to it and
    /// ends with the provider's "length" stop reason.
    /// </summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets the number of choices asked for (OpenAI <c>n</c>; 1 when absent and for other protocols).</summary>
    public int Choices { get; init; } = 1;

    /// <summary>Gets when the request arrived, by the simulator's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets the length of all prompt text (system and messages), for the token estimate.</summary>
    internal int PromptLength { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Method} {Path} ({Protocol}, model {Model ?? "-"}): {LastUserText}";
}
