namespace PromptGen;

/// <summary>
/// Record and replay of model exchanges (<c>PromptGen:Recording</c>). The recorder sits on every route's
/// <see cref="Microsoft.Extensions.AI.IChatClient"/>, so it covers every provider (OpenAI-compatible, Anthropic, Ollama,
/// <c>max/*</c> through Claude Code, clients registered in code) and streamed calls alike.
/// </summary>
public sealed class ChatRecordingOptions
{
    /// <summary>Gets or sets the mode. Default: <see cref="ChatRecordingMode.Off"/>.</summary>
    public ChatRecordingMode Mode { get; set; }

    /// <summary>Gets or sets the directory of the recording: one pretty-printed JSON file per distinct request. Required unless <see cref="Mode"/> is <see cref="ChatRecordingMode.Off"/>.</summary>
    public string? Directory { get; set; }
}
