namespace PromptGen;

/// <summary>
/// Settings of one provider entry (<c>PromptGen:Providers:{name}</c>). Unset values fall back to the standard environment
/// variables and then to the built-in defaults for that provider name. A new name with a <see cref="Kind"/> and a
/// <see cref="BaseUrl"/> defines a custom endpoint usable as <c>{name}/{model}</c>.
/// </summary>
public sealed class ProviderOptions
{
    /// <summary>Gets or sets the wire protocol: <c>openai</c> (any OpenAI-compatible endpoint), <c>anthropic</c> or <c>claude-code</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>Gets or sets the base URL, for example <c>https://api.openai.com/v1</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Gets or sets the name of the environment variable holding the API key, for example <c>OPENAI_API_KEY</c>.</summary>
    public string? ApiKeyEnvironmentVariable { get; set; }

    /// <summary>
    /// Gets or sets the API key itself. Prefer <see cref="ApiKeyEnvironmentVariable"/>; a key set here is never logged,
    /// traced or printed.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets a value indicating whether calls fail before sending when no key is found. Default depends on the provider.</summary>
    public bool? RequiresApiKey { get; set; }

    /// <summary>Gets or sets the timeout of one attempt. Default depends on the provider (see <c>docs/configuration.md</c>).</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Gets or sets the default maximum number of output tokens (required by Anthropic). Default depends on the provider.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Gets or sets how structured output is requested: <c>native</c>, <c>json-mode</c> or <c>prompt</c>. Default depends on the provider.</summary>
    public string? StructuredOutput { get; set; }
}
