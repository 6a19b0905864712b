namespace PromptGen.Testing;

/// <summary>The wire protocols the simulator speaks.</summary>
public enum SimulatorProtocol
{
    /// <summary>OpenAI chat completions, <c>POST …/chat/completions</c>.</summary>
    OpenAI,

    /// <summary>Anthropic Messages, <c>POST /v1/messages</c>.</summary>
    Anthropic,

    /// <summary>Ollama's native chat API, <c>POST /api/chat</c>.</summary>
    Ollama,

    /// <summary>Anything else (for example the <c>HEAD /</c> warm-up of the Claude Code CLI).</summary>
    Other,
}
