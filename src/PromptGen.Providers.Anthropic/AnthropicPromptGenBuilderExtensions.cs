namespace PromptGen;

/// <summary>Registers the Anthropic provider.</summary>
public static class AnthropicPromptGenBuilderExtensions
{
    /// <summary>Serves the <c>anthropic</c> protocol: the <c>anthropic/</c> prefix and every provider entry with <c>Kind: anthropic</c>.</summary>
    /// <param name="builder">The PromptGen builder.</param>
    /// <returns>The builder.</returns>
    public static PromptGenBuilder AddAnthropic(this PromptGenBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddClientFactory(new AnthropicChatClientFactory());
    }
}
