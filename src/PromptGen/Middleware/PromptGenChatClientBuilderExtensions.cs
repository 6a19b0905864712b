using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>PromptGen middleware for <see cref="ChatClientBuilder"/> pipelines.</summary>
public static class PromptGenChatClientBuilderExtensions
{
    /// <summary>
    /// Adapts JSON-schema response formats to what the provider supports (<paramref name="mode"/>): native structured
    /// output, JSON mode plus the schema as an instruction, or the instruction alone.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="mode">What the provider supports.</param>
    /// <returns>The builder.</returns>
    public static ChatClientBuilder UseStructuredOutput(this ChatClientBuilder builder, StructuredOutputMode mode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new StructuredOutputChatClient(inner, mode));
    }
}
