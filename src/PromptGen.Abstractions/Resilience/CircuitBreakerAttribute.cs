namespace PromptGen;

/// <summary>
/// Configures the circuit breaker shared by every call to the same provider and model. While the circuit is open,
/// calls skip at once to the next fallback model instead of waiting on a failing route.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class CircuitBreakerAttribute : Attribute
{
    /// <summary>Gets or sets the failure ratio in the sampling window that opens the circuit (default 0.5).</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the minimum number of calls in the window before the ratio is considered (default 10).</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>Gets or sets the sampling window, in seconds (default 30).</summary>
    public double SamplingDurationSeconds { get; set; } = 30;

    /// <summary>Gets or sets how long the circuit stays open before one probe call is let through, in seconds (default 30).</summary>
    public double BreakDurationSeconds { get; set; } = 30;
}
