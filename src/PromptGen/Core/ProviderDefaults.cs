namespace PromptGen;

/// <summary>Built-in defaults of one provider name. The single table is <see cref="BuiltIn"/>; docs/configuration.md mirrors it.</summary>
internal sealed record ProviderDefaults(
    string Name,
    string Kind,
    string? BaseUrl,
    string? ApiKeyVariable,
    string? BaseUrlVariable,
    bool RequiresApiKey,
    TimeSpan Timeout,
    int MaxOutputTokens,
    StructuredOutputMode StructuredOutput)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    public const int DefaultMaxOutputTokens = 4096;

    public static readonly IReadOnlyDictionary<string, ProviderDefaults> BuiltIn = new Dictionary<string, ProviderDefaults>(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = new("openai", ProviderKinds.OpenAI, "https://api.openai.com/v1", "OPENAI_API_KEY", "OPENAI_BASE_URL", true, TimeSpan.FromSeconds(120), 4096, StructuredOutputMode.Native),
        ["anthropic"] = new("anthropic", ProviderKinds.Anthropic, "https://api.anthropic.com", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", true, TimeSpan.FromSeconds(300), 4096, StructuredOutputMode.Native),
        ["ollama"] = new("ollama", ProviderKinds.OpenAI, "http://localhost:11434/v1", null, "OLLAMA_HOST", false, TimeSpan.FromSeconds(600), 4096, StructuredOutputMode.JsonMode),
        ["openrouter"] = new("openrouter", ProviderKinds.OpenAI, "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", null, true, TimeSpan.FromSeconds(180), 4096, StructuredOutputMode.Native),
        ["groq"] = new("groq", ProviderKinds.OpenAI, "https://api.groq.com/openai/v1", "GROQ_API_KEY", null, true, TimeSpan.FromSeconds(60), 4096, StructuredOutputMode.JsonMode),
        ["gemini"] = new("gemini", ProviderKinds.OpenAI, "https://generativelanguage.googleapis.com/v1beta/openai/", "GEMINI_API_KEY", null, true, TimeSpan.FromSeconds(120), 4096, StructuredOutputMode.Native),
        ["runpod"] = new("runpod", ProviderKinds.OpenAI, "https://api.runpod.ai/v2/{pod}/openai/v1", "RUNPOD_API_KEY", null, true, TimeSpan.FromSeconds(600), 4096, StructuredOutputMode.JsonMode),
        ["vllm"] = new("vllm", ProviderKinds.OpenAI, "http://localhost:8000/v1", "VLLM_API_KEY", null, false, TimeSpan.FromSeconds(600), 4096, StructuredOutputMode.Native),
        ["lmstudio"] = new("lmstudio", ProviderKinds.OpenAI, "http://localhost:1234/v1", null, null, false, TimeSpan.FromSeconds(600), 4096, StructuredOutputMode.Native),
        [ModelId.ClaudeCodeProvider] = new(ModelId.ClaudeCodeProvider, ProviderKinds.ClaudeCode, null, null, null, false, TimeSpan.FromSeconds(180), 32000, StructuredOutputMode.Prompt),
    };

    /// <summary>Defaults for a custom provider entry, by its kind.</summary>
    public static ProviderDefaults ForCustom(string name, string kind) =>
        new(name, kind, null, null, null, false, DefaultTimeout, DefaultMaxOutputTokens, kind == ProviderKinds.OpenAI ? StructuredOutputMode.JsonMode : StructuredOutputMode.Native);
}
