namespace PromptGen;

/// <summary>The state of a route's circuit breaker.</summary>
public enum CircuitStatus
{
    /// <summary>Calls flow normally.</summary>
    Closed,

    /// <summary>Calls are rejected at once and skip to the next fallback.</summary>
    Open,

    /// <summary>One probe call is allowed to test whether the route has recovered.</summary>
    HalfOpen,

    /// <summary>The circuit was opened by hand.</summary>
    Isolated,
}
