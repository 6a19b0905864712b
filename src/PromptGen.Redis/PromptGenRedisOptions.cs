namespace PromptGen;

/// <summary>What PromptGen shares through Redis (<see cref="PromptGenRedisExtensions.AddRedis"/>). See docs/scale-out.md.</summary>
public sealed class PromptGenRedisOptions
{
    /// <summary>Gets or sets the StackExchange.Redis configuration string, for example <c>redis.internal:6379,password=…</c>. Never logged.</summary>
    public string Configuration { get; set; } = "localhost:6379";

    /// <summary>Gets or sets the prefix of every key and channel, so fleets (or environments) sharing one Redis stay apart. Default: <c>promptgen:</c>.</summary>
    public string KeyPrefix { get; set; } = "promptgen:";

    /// <summary>Gets or sets a value indicating whether the response cache's second level is Redis. Default: <see langword="true"/>.</summary>
    public bool ShareCache { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the request and token budgets, and the holds a provider's 429 puts on it, are shared through Redis. Default: <see langword="true"/>.</summary>
    public bool ShareLimits { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether open breakers and half-open probes are shared through Redis. Default: <see langword="true"/>.</summary>
    public bool ShareHealth { get; set; } = true;
}
