using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>Per-call settings for <see cref="PromptRouter"/>.</summary>
public sealed class PromptCallOptions
{
    /// <summary>Gets or sets the model id or alias. Default: <see cref="PromptGenOptions.DefaultModel"/>.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets fallback model ids tried in order after the primary, before the configured fallbacks of the primary.</summary>
    public IReadOnlyList<string>? Fallbacks { get; set; }

    /// <summary>Gets or sets the chat options (temperature, maximum output tokens, response format, …) passed to the provider.</summary>
    public ChatOptions? ChatOptions { get; set; }

    /// <summary>Gets or sets the timeout of one attempt, overriding the provider's configured timeout.</summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>Gets or sets a value indicating whether this call records a debug timeline, overriding <see cref="PromptGenOptions.Debug"/>.</summary>
    public bool? Debug { get; set; }

    /// <summary>Gets or sets staged escalation for this call, overriding <see cref="PromptGenOptions.Escalation"/>.</summary>
    public EscalationOptions? Escalation { get; set; }

    /// <summary>Gets or sets the escalation handler for this call, overriding the one registered in dependency injection.</summary>
    public IEscalationHandler? EscalationHandler { get; set; }

    /// <summary>Gets or sets the retry policy of this call, overriding <see cref="PromptGenOptions.Retry"/>.</summary>
    public RetryOptions? Retry { get; set; }

    /// <summary>
    /// Gets or sets circuit-breaker settings for this call, overriding <see cref="PromptGenOptions.CircuitBreaker"/>. Breakers
    /// stay shared: every call with the same settings on the same route uses one breaker.
    /// </summary>
    public CircuitBreakerOptions? CircuitBreaker { get; set; }

    /// <summary>Gets or sets the overall deadline of this call, overriding <see cref="PromptGenOptions.TotalTimeout"/>.</summary>
    public TimeSpan? TotalTimeout { get; set; }

    /// <summary>
    /// Gets or sets how far an answer that is almost JSON is repaired and coerced in this call, overriding the method's
    /// policy and <see cref="ValidationOptions.JsonPolicy"/> (typed calls through generated methods and the executor).
    /// </summary>
    public Validation.JsonParsePolicy? JsonPolicy { get; set; }

    /// <summary>
    /// Gets or sets response caching for this call, overriding the method's <c>[Cache]</c> and <see cref="PromptGenOptions.Cache"/>;
    /// <see cref="PromptCacheOptions.Disabled"/> switches it off.
    /// </summary>
    public PromptCacheOptions? Cache { get; set; }

    /// <summary>Gets or sets what else determines the answer besides the request (the method's rules version), part of the cache key.</summary>
    internal string? CacheScope { get; set; }

    /// <summary>Gets or sets the first-token timeout of a streamed attempt, overriding <see cref="PromptGenOptions.FirstTokenTimeout"/>.</summary>
    public TimeSpan? FirstTokenTimeout { get; set; }

    /// <summary>Gets or sets the idle timeout between updates of a streamed attempt, overriding <see cref="PromptGenOptions.IdleTimeout"/>.</summary>
    public TimeSpan? IdleTimeout { get; set; }
}
