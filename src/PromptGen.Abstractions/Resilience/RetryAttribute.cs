namespace PromptGen;

/// <summary>
/// Configures transport retries for a prompt method or a whole prompt client: exponential backoff with jitter, capped,
/// honouring a provider's <c>Retry-After</c>. Retries happen only for transient errors (rate limiting, 5xx, timeouts,
/// connection failures), never for bad requests, authentication failures or content filtering.
/// </summary>
/// <remarks>Validation re-asks have their own budget: see <see cref="ReaskAttribute"/>.</remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class RetryAttribute : Attribute
{
    /// <summary>Gets or sets the number of retries after the first attempt (default 3; 0 disables retries).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the delay before the first retry, in seconds (default 1).</summary>
    public double BaseDelaySeconds { get; set; } = 1;

    /// <summary>Gets or sets the cap on any single delay, in seconds (default 30).</summary>
    public double MaxDelaySeconds { get; set; } = 30;

    /// <summary>Gets or sets a value indicating whether delays are randomized to spread retries (default <see langword="true"/>).</summary>
    public bool UseJitter { get; set; } = true;
}
