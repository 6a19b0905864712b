using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace PromptGen;

/// <summary>
/// Polly pipelines built once and shared by every caller in the process: one pipeline per (provider, model) route —
/// a retry strategy around the route's circuit breaker — and one per distinct per-call breaker settings. The retry
/// strategy is the same for every call: whether and how long to wait is decided per call by the call's
/// <see cref="RetryState"/> (its <see cref="RetryOptions"/>, Retry-After, the deadline), so per-call or per-method retry
/// options need no pipeline of their own and a call enters Polly once.
/// </summary>
internal sealed class ResilienceRegistry(CircuitBreakerOptions configured, TimeProvider time, ILogger logger, FleetCoordinator? fleet = null)
{
    internal static readonly ResiliencePropertyKey<RetryState> StateKey = new("PromptGen.RetryState");

    private readonly ConcurrentDictionary<string, RouteBreaker> _breakers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Route, CircuitBreakerOptions Settings), RouteBreaker> _customBreakers = new();

    /// <summary>The route's pipeline for the given breaker settings: the configured ones, or per-call ones shared by every call that uses them.</summary>
    public RouteBreaker BreakerFor(ModelRoute route, CircuitBreakerOptions? settings = null) =>
        settings is null || settings == configured
            ? _breakers.GetOrAdd(route.Id.Canonical, static (key, state) => state.Self.CreateBreaker(key, key, state.Settings), (Self: this, Settings: configured))
            : _customBreakers.GetOrAdd((route.Id.Canonical, settings), static (key, self) => self.CreateBreaker(key.Route + " (custom breaker)", key.Route, key.Settings), this);

    public bool TryGetBreaker(string canonicalId, out RouteBreaker? breaker) => _breakers.TryGetValue(canonicalId, out breaker);

    private RouteBreaker CreateBreaker(string key, string route, CircuitBreakerOptions settings)
    {
        var state = new CircuitBreakerStateProvider();
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // The call's RetryState stops retrying at its own MaxRetries (0 = never), so Polly's cap is never the limit.
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = static args => new ValueTask<bool>(args.Context.Properties.TryGetValue(StateKey, out var state) && state.Decide(args.Outcome.Exception, args.AttemptNumber)),
                DelayGenerator = static args => new ValueTask<TimeSpan?>(args.Context.Properties.GetValue(StateKey, null!).NextDelay),
                OnRetry = args =>
                {
                    Log.Retrying(logger, args.Context.Properties.GetValue(StateKey, null!).Route.Id.Canonical, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.GetType().Name ?? "?");
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                StateProvider = state,
                // A spent budget of this fleet (ProviderLimits) says nothing about the provider's health.
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is PromptGenException { IsTransient: true } error && !ProviderLimits.IsBudget(error)),
                OnOpened = args =>
                {
                    Log.CircuitOpened(logger, key, args.BreakDuration);
                    {
                        // The fleet learns it (PromptGen.Redis): the other instances skip the route until the break ends.
                        fleet?.ReportOpened(route, time.GetUtcNow() + args.BreakDuration);
                    }

                    return default;
                },
                OnHalfOpened = _ =>
                {
                    Log.CircuitHalfOpened(logger, key);
                    return default;
                },
                OnClosed = _ =>
                {
                    Log.CircuitClosed(logger, key);
                    return default;
                },
            })
            .Build();
        return new RouteBreaker(key, pipeline, state);
    }
}

/// <summary>A route's shared pipeline (retry around the circuit breaker) and the breaker's readable state.</summary>
internal sealed record RouteBreaker(string Key, ResiliencePipeline Pipeline, CircuitBreakerStateProvider State)
{
    public CircuitStatus Status => State.CircuitState switch
    {
        CircuitState.Open => CircuitStatus.Open,
        CircuitState.HalfOpen => CircuitStatus.HalfOpen,
        CircuitState.Isolated => CircuitStatus.Isolated,
        _ => CircuitStatus.Closed,
    };
}
