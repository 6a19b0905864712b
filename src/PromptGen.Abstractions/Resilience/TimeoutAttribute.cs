namespace PromptGen;

/// <summary>
/// Configures timeouts for a prompt method or a whole prompt client: one per attempt and one overall deadline covering
/// every retry, fallback and re-ask. Values of 0 keep the configured defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class TimeoutAttribute : Attribute
{
    /// <summary>Gets or sets the timeout of a single attempt, in seconds.</summary>
    public double AttemptSeconds { get; set; }

    /// <summary>Gets or sets the overall deadline of the call, in seconds.</summary>
    public double TotalSeconds { get; set; }
}
