namespace PromptGen;

/// <summary>
/// Transport retries: exponential backoff with jitter, capped, never shorter than a provider's <c>Retry-After</c>.
/// Only transient errors are retried (rate limiting, 5xx, timeouts, connection failures, unreadable bodies), decided by
/// error type, never by message text.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>Gets the number of retries after the first attempt. Default 3; 0 disables retries.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Gets the delay before the first retry; each later delay doubles. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the cap on one computed delay (a longer <c>Retry-After</c> is still honoured). Default 30 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets a value indicating whether each delay is spread by ±25 % so callers do not retry in lockstep. Default <see langword="true"/>.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>Lists every problem with these settings.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxRetries is < 0 or > 100)
        {
            errors.Add($"Retry.MaxRetries is {MaxRetries}; use 0 to 100.");
        }

        if (BaseDelay < TimeSpan.Zero || BaseDelay > TimeSpan.FromMinutes(10))
        {
            errors.Add($"Retry.BaseDelay is {BaseDelay}; use 0 to 10 minutes.");
        }

        if (MaxDelay < BaseDelay)
        {
            errors.Add($"Retry.MaxDelay ({MaxDelay}) is shorter than Retry.BaseDelay ({BaseDelay}).");
        }

        return errors;
    }

    /// <summary>The computed delay before retry number <paramref name="retry"/> (0-based), before any <c>Retry-After</c>.</summary>
    internal TimeSpan Backoff(int retry, double random)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var jittered = UseJitter ? exponential * (0.75 + (0.5 * random)) : exponential;
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxDelay.TotalMilliseconds));
    }
}
