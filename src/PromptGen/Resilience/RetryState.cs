using Polly.CircuitBreaker;

namespace PromptGen;

/// <summary>
/// The retry decisions of one call on one route: transient errors only, delays from <see cref="RetryOptions"/> but never
/// shorter than <c>Retry-After</c>, and no retry whose wait would cross the call's deadline (fall back at once instead).
/// </summary>
internal sealed class RetryState(ModelRoute route, RetryOptions options, DateTimeOffset? deadline, TimeProvider time, DebugLog? debug, IRetryInterrupt? interrupt = null)
{
    public ModelRoute Route { get; } = route;

    /// <summary>Gets the delay chosen for the next retry.</summary>
    public TimeSpan NextDelay { get; private set; }

    /// <summary>Gets how many attempts have started on this route.</summary>
    public int Attempts { get; set; }

    /// <summary>Gets why retrying stopped early, if it did.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Gets or sets the route's breaker, watched for state changes in debug mode only.</summary>
    public RouteBreaker? Watched { get; set; }

    /// <summary>Gets or sets the breaker state last reported to the debug log.</summary>
    public CircuitStatus LastCircuit { get; set; }

    /// <summary>In debug mode, reports a change of the route's circuit since the last look (the breaker has just seen an outcome).</summary>
    public void NoteCircuit()
    {
        if (debug is not null && Watched is { } breaker && breaker.Status is var now && now != LastCircuit)
        {
            debug.Add(DebugEventKind.CircuitTransition, Route.Id.Canonical, $"circuit {LastCircuit} → {now}");
            LastCircuit = now;
        }
    }

    public bool Decide(Exception? exception, int retry)
    {
        NoteCircuit();
        if (options.MaxRetries == 0 || exception is null)
        {
            // Retries off (the route's retry strategy is shared, so it asks even then), or a success.
            return false;
        }

        if (exception is BrokenCircuitException)
        {
            debug?.Add(DebugEventKind.RetryStopped, Route.Id.Canonical, "not retried: the circuit is open");
            return false;
        }

        if (ProviderLimits.IsBudget(exception))
        {
            // A spent budget already waited as long as the deadline allows: the next model, at once.
            debug?.Add(DebugEventKind.RetryStopped, Route.Id.Canonical, "not retried: the provider budget is spent");
            return false;
        }

        if (exception is not PromptGenException { IsTransient: true } error || error is CircuitOpenException)
        {
            if (exception is PromptGenException permanent)
            {
                debug?.Add(DebugEventKind.RetryStopped, Route.Id.Canonical, $"not retried: {permanent.Kind} is not transient");
            }

            return false;
        }

        if (interrupt?.Interrupt() is { } reason)
        {
            StopReason = reason;
            debug?.Add(DebugEventKind.RetryStopped, Route.Id.Canonical, reason);
            return false;
        }

        if (retry >= options.MaxRetries)
        {
            debug?.Add(DebugEventKind.RetryStopped, Route.Id.Canonical, $"retry budget of {options.MaxRetries} used up after {error.Kind}");
            return false;
        }

        var delay = options.Backoff(retry, Random.Shared.NextDouble());
        if (error is RateLimitedException { RetryAfter: { } retryAfter } && retryAfter > delay)
        {
            delay = retryAfter;
        }

        if (deadline is { } end && time.GetUtcNow() + delay >= end)
        {
            StopReason = $"a retry in {delay.TotalSeconds:0.###} s would pass the call's deadline";
            debug?.Add(DebugEventKind.RetryStopped, Route.Id.Canonical, StopReason);
            return false;
        }

        debug?.Add(DebugEventKind.RetryScheduled, Route.Id.Canonical, $"retry {retry + 1} of {options.MaxRetries} in {delay.TotalMilliseconds:0} ms after {error.Kind}" + (error is RateLimitedException { RetryAfter: { } ra } ? $" (Retry-After {ra.TotalSeconds:0.###} s)" : string.Empty));
        NextDelay = delay;
        return true;
    }
}
