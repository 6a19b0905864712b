namespace PromptGen;

/// <summary>
/// Chooses the model for a prompt method (or for every method when placed on the interface), with optional fallbacks
/// tried in order when the primary fails with an error that a different model could avoid.
/// </summary>
/// <example><c>[Model("openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5", "max/sonnet"])]</c></example>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>Initializes the attribute.</summary>
    /// <param name="id">A model id such as <c>openai/gpt-4o-mini</c>, <c>anthropic/claude-sonnet-4-5</c>, <c>ollama/llama3.2</c>,
    /// <c>runpod/{pod}/{model}</c>, <c>max/opus</c>, or an alias from configuration.</param>
    public ModelAttribute(string id) => Id = id;

    /// <summary>Gets the primary model id or alias.</summary>
    public string Id { get; }

    /// <summary>Gets or sets the fallback model ids, tried in order after the primary fails.</summary>
    public string[] Fallbacks { get; set; } = [];

    /// <summary>Gets or sets the sampling temperature; <see cref="double.NaN"/> (the default) leaves the provider's default.</summary>
    public double Temperature { get; set; } = double.NaN;

    /// <summary>Gets or sets the maximum number of output tokens; 0 (the default) uses the provider default from configuration.</summary>
    public int MaxOutputTokens { get; set; }
}
