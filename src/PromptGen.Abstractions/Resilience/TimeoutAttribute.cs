namespace PromptGen;

/// <summary>
/// Configures timeouts for a prompt method or a whole prompt client: one per attempt, one overall deadline covering
/// every retry, fallback and re-ask, and for streamed calls a first-token and an idle timeout. Values of 0 keep the
/// configured defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class TimeoutAttribute : Attribute
{
    /// <summary>Gets or sets the timeout of a single attempt, in seconds.</summary>
    public double AttemptSeconds { get; set; }

    /// <summary>Gets or sets the overall deadline of the call, in seconds.</summary>
    public double TotalSeconds { get; set; }

    /// <summary>
    /// Gets or sets, for streamed calls, how long an attempt may take to send its first content, in seconds; past it the
    /// attempt is a transient timeout (retried, then the next fallback).
    /// </summary>
    public double FirstTokenSeconds { get; set; }

    /// <summary>
    /// Gets or sets, for streamed calls, how long an attempt may go quiet between two updates once content has started,
    /// in seconds; a stall after content reached the caller ends the stream with a timeout error.
    /// </summary>
    public double IdleSeconds { get; set; }
}
