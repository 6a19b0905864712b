namespace PromptGen;

/// <summary>
/// The circuit breaker shared by every call to one (provider, model) route in the process. While open, calls skip to the
/// next fallback at once; after <see cref="BreakDuration"/> exactly one probe is let through.
/// </summary>
public sealed record CircuitBreakerOptions
{
    /// <summary>Gets the failure ratio within <see cref="SamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>Gets the number of calls in the window before the ratio counts. Default 10.</summary>
    public int MinimumThroughput { get; init; } = 10;

    /// <summary>Gets the sampling window. Default 30 s.</summary>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets how long the circuit stays open before a probe. Default 30 s.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Lists every problem with these settings.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (FailureRatio is <= 0 or > 1)
        {
            errors.Add($"CircuitBreaker.FailureRatio is {FailureRatio}; use a value above 0 and at most 1.");
        }

        if (MinimumThroughput < 2)
        {
            errors.Add($"CircuitBreaker.MinimumThroughput is {MinimumThroughput}; use 2 or more.");
        }

        if (SamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"CircuitBreaker.SamplingDuration is {SamplingDuration}; use 0.5 s or more.");
        }

        if (BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"CircuitBreaker.BreakDuration is {BreakDuration}; use 0.5 s or more.");
        }

        return errors;
    }
}
