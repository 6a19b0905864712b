namespace PromptGen.Generators.Models;

/// <summary>The values of <c>[Retry]</c> (defaults as the attribute declares them).</summary>
internal sealed record RetrySettings(int MaxRetries, double BaseDelaySeconds, double MaxDelaySeconds, bool UseJitter, LocationInfo? Location);

/// <summary>The values of <c>[CircuitBreaker]</c>.</summary>
internal sealed record BreakerSettings(double FailureRatio, int MinimumThroughput, double SamplingSeconds, double BreakSeconds, LocationInfo? Location);

/// <summary>The values of <c>[Timeout]</c> (0 = not set).</summary>
internal sealed record TimeoutSettings(double AttemptSeconds, double TotalSeconds, LocationInfo? Location)
{
    /// <summary>Gets the first-token timeout of a streamed attempt, in seconds (0 = not set).</summary>
    public double FirstTokenSeconds { get; init; }

    /// <summary>Gets the idle timeout between a streamed attempt's updates, in seconds (0 = not set).</summary>
    public double IdleSeconds { get; init; }
}

/// <summary>The values of <c>[Escalate]</c>.</summary>
internal sealed record EscalationSettings(string? StrongerModel, int SwitchModelAfter, int AskHumanAfter, LocationInfo? Location);

/// <summary>The values of <c>[Cache]</c> (response caching; the duration is Minutes + Seconds).</summary>
internal sealed record CacheSettings(double Minutes, double Seconds, LocationInfo? Location)
{
    public double TotalSeconds => (Minutes * 60) + Seconds;
}

/// <summary>The resilience attributes on a method or an interface; a method's attribute replaces the interface's of the same kind.</summary>
internal sealed record ResilienceSettings(RetrySettings? Retry, BreakerSettings? Breaker, TimeoutSettings? Timeout, EscalationSettings? Escalation)
{
    public static readonly ResilienceSettings None = new(null, null, null, null);

    /// <summary>Gets the values of <c>[Cache]</c>, if set.</summary>
    public CacheSettings? Cache { get; init; }

    /// <summary>These settings, with each kind not set here taken from <paramref name="outer"/>.</summary>
    public ResilienceSettings Over(ResilienceSettings outer) =>
        new(Retry ?? outer.Retry, Breaker ?? outer.Breaker, Timeout ?? outer.Timeout, Escalation ?? outer.Escalation) { Cache = Cache ?? outer.Cache };
}
