namespace PromptGen;

/// <summary>The wire protocols a provider entry can speak.</summary>
public static class ProviderKinds
{
    /// <summary>OpenAI chat completions, and every OpenAI-compatible endpoint.</summary>
    public const string OpenAI = "openai";

    /// <summary>The Anthropic Messages API.</summary>
    public const string Anthropic = "anthropic";

    /// <summary>The local Claude Code CLI, driven as a process.</summary>
    public const string ClaudeCode = "claude-code";
}
