namespace PromptGen;

/// <summary>Registers the OpenAI provider.</summary>
public static class OpenAIPromptGenBuilderExtensions
{
    /// <summary>
    /// Serves the <c>openai</c> protocol: the <c>openai/</c>, <c>ollama/</c>, <c>openrouter/</c>, <c>groq/</c>, <c>gemini/</c>,
    /// <c>runpod/</c>, <c>vllm/</c> and <c>lmstudio/</c> prefixes, and every provider entry with <c>Kind: openai</c>.
    /// </summary>
    /// <param name="builder">The PromptGen builder.</param>
    /// <returns>The builder.</returns>
    public static PromptGenBuilder AddOpenAI(this PromptGenBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddClientFactory(new OpenAIChatClientFactory());
    }
}
