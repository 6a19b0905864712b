namespace PromptGen;

/// <summary>What a <see cref="DebugEvent"/> records.</summary>
public enum DebugEventKind
{
    /// <summary>The messages sent to a model (rendered, secrets redacted).</summary>
    Request,

    /// <summary>A model's raw answer with its finish reason and usage.</summary>
    Response,

    /// <summary>An attempt failed; the error kind and message.</summary>
    Error,

    /// <summary>A retry was scheduled: its delay and why.</summary>
    RetryScheduled,

    /// <summary>Retrying stopped early: why (a permanent error, the deadline, the retry budget).</summary>
    RetryStopped,

    /// <summary>The call moved to the next fallback model.</summary>
    Fallback,

    /// <summary>A route's circuit breaker changed state.</summary>
    CircuitTransition,
}
