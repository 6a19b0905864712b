namespace PromptGen;

/// <summary>How a provider is asked for JSON that follows a schema.</summary>
public enum StructuredOutputMode
{
    /// <summary>The provider's native structured output (OpenAI <c>json_schema</c> strict, Anthropic's schema subset).</summary>
    Native,

    /// <summary>The provider's JSON mode (<c>json_object</c>) plus the schema as an instruction in the prompt.</summary>
    JsonMode,

    /// <summary>The schema as an instruction in the prompt only, for providers without JSON mode.</summary>
    Prompt,
}
