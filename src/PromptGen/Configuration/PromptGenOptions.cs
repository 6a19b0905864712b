namespace PromptGen;

/// <summary>
/// PromptGen settings, bound from the <c>PromptGen</c> configuration section and then adjusted in code.
/// Precedence, highest first: code → configuration → standard environment variables (<c>OPENAI_API_KEY</c>, …) → built-in defaults.
/// Every default is listed in <c>docs/configuration.md</c>.
/// </summary>
public sealed class PromptGenOptions
{
    /// <summary>The configuration section PromptGen binds from.</summary>
    public const string SectionName = "PromptGen";

    /// <summary>Gets or sets the model used when a call names none. Default: <c>openai/gpt-4o-mini</c>.</summary>
    public string DefaultModel { get; set; } = "openai/gpt-4o-mini";

    /// <summary>Gets the aliases: a name (for example <c>fast</c>) mapped to a model id or another alias. Case-insensitive.</summary>
    public IDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the fallback chains: a model id or alias mapped to the ids tried, in order, when it fails.</summary>
    public IDictionary<string, IList<string>> Fallbacks { get; } = new Dictionary<string, IList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the provider settings by provider name (built-in names such as <c>openai</c>, or new names for custom endpoints).</summary>
    public IDictionary<string, ProviderOptions> Providers { get; } = new Dictionary<string, ProviderOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the default transport retry policy. See <see cref="RetryOptions"/> for the defaults.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Gets or sets the circuit breaker settings shared by every route. See <see cref="CircuitBreakerOptions"/>.</summary>
    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>Gets or sets staged escalation. See <see cref="EscalationOptions"/>.</summary>
    public EscalationOptions Escalation { get; set; } = new();

    /// <summary>Gets or sets validation settings: the re-ask budget and the default judge model. See <see cref="ValidationOptions"/>.</summary>
    public ValidationOptions Validation { get; set; } = new();

    /// <summary>Gets or sets how image inputs are loaded and the per-provider limits they are fitted to. See <see cref="ImageOptions"/>.</summary>
    public ImageOptions Images { get; set; } = new();

    /// <summary>
    /// Gets or sets response caching for every call that does not set its own (<c>[Cache]</c>, <see cref="PromptCallOptions.Cache"/>).
    /// Default: <see langword="null"/> (off). See docs/scale-out.md.
    /// </summary>
    public PromptCacheOptions? Cache { get; set; }

    /// <summary>
    /// Gets the request and token budgets by provider name (<c>openai</c>) or model id (<c>openai/gpt-4o</c>); a request
    /// takes from both. Shared by every instance when PromptGen.Redis is registered. See docs/scale-out.md.
    /// </summary>
    public IDictionary<string, ProviderLimitOptions> Limits { get; } = new Dictionary<string, ProviderLimitOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the overall deadline of a call (every attempt, retry and fallback). Default: none.</summary>
    public TimeSpan? TotalTimeout { get; set; }

    /// <summary>
    /// Gets or sets how long a streamed attempt may take to send its first content before it counts as a transient
    /// timeout (retried, then the next fallback). Default: none (only the attempt timeout applies).
    /// </summary>
    public TimeSpan? FirstTokenTimeout { get; set; }

    /// <summary>
    /// Gets or sets how long a streamed attempt may go quiet between two updates once content has started. A stall
    /// after content has reached the caller ends the stream with a <see cref="PromptTimeoutException"/>. Default: none.
    /// </summary>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether every call records a debug timeline (rendered messages, raw answers,
    /// retry decisions, breaker transitions) in <see cref="PromptTrace.DebugEvents"/>. Default: <see langword="false"/>.
    /// </summary>
    public bool Debug { get; set; }

    /// <summary>Gets or sets a value indicating whether message content is recorded on OpenTelemetry activities. Default: <see langword="false"/>.</summary>
    public bool RecordMessageContent { get; set; }

    /// <summary>
    /// Gets or sets the redactor every message, trace, log, telemetry record and report passes through. The router adds
    /// every configured API key and URL credential to it; add other secrets (for example header values) yourself.
    /// Tools that print or write what PromptGen returns share it so nothing they show can hold a secret.
    /// </summary>
    public SecretRedactor Redactor { get; set; } = new();

    /// <summary>Gets or sets how environment variables are read. Default: <see cref="Environment.GetEnvironmentVariable(string)"/>. Tests replace it.</summary>
    public Func<string, string?> EnvironmentVariables { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>Gets the values that came from configuration, by path, so the router can tell configuration from code.</summary>
    internal Dictionary<string, string> ConfiguredValues { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the settings of a provider, adding an empty entry if there is none.</summary>
    /// <param name="name">The provider name.</param>
    /// <returns>The provider settings.</returns>
    public ProviderOptions Provider(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Providers.TryGetValue(name, out var options))
        {
            options = new ProviderOptions();
            Providers[name] = options;
        }

        return options;
    }
}
