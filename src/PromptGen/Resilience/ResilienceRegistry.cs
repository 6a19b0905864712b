using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace PromptGen;

/// <summary>
/// Polly pipelines built once and shared by every caller in the process: one circuit breaker per (provider, model)
/// route, one retry pipeline per distinct <see cref="RetryOptions"/>.
/// </summary>
internal sealed class ResilienceRegistry(PromptGenOptions options, TimeProvider time, ILogger logger)
{
    internal static readonly ResiliencePropertyKey<RetryState> StateKey = new("PromptGen.RetryState");

    private readonly ConcurrentDictionary<string, RouteBreaker> _breakers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Route, CircuitBreakerOptions Settings), RouteBreaker> _customBreakers = new();
    private readonly ConcurrentDictionary<RetryOptions, ResiliencePipeline> _retries = new();

    /// <summary>The route's breaker for the given settings: the configured ones, or per-call ones shared by every call that uses them.</summary>
    public RouteBreaker BreakerFor(ModelRoute route, CircuitBreakerOptions? settings = null) =>
        settings is null || settings == options.CircuitBreaker
            ? _breakers.GetOrAdd(route.Id.Canonical, static (key, state) => state.Self.CreateBreaker(key, state.Settings), (Self: this, Settings: options.CircuitBreaker))
            : _customBreakers.GetOrAdd((route.Id.Canonical, settings), static (key, self) => self.CreateBreaker(key.Route + " (custom breaker)", key.Settings), this);

    public bool TryGetBreaker(string canonicalId, out RouteBreaker? breaker) => _breakers.TryGetValue(canonicalId, out breaker);

    public ResiliencePipeline RetryFor(RetryOptions retry) =>
        _retries.GetOrAdd(retry, static (key, self) => self.CreateRetry(key), this);

    private RouteBreaker CreateBreaker(string key, CircuitBreakerOptions settings)
    {
        var state = new CircuitBreakerStateProvider();
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                StateProvider = state,
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is PromptGenException { IsTransient: true }),
                OnOpened = args =>
                {
                    Log.CircuitOpened(logger, key, args.BreakDuration);
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

    private ResiliencePipeline CreateRetry(RetryOptions retry)
    {
        if (retry.MaxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retry.MaxRetries,
                ShouldHandle = args => new ValueTask<bool>(args.Context.Properties.TryGetValue(StateKey, out var state) && state.Decide(args.Outcome.Exception, args.AttemptNumber)),
                DelayGenerator = static args => new ValueTask<TimeSpan?>(args.Context.Properties.GetValue(StateKey, null!).NextDelay),
                OnRetry = args =>
                {
                    Log.Retrying(logger, args.Context.Properties.GetValue(StateKey, null!).Route.Id.Canonical, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.GetType().Name ?? "?");
                    return default;
                },
            })
            .Build();
    }
}

/// <summary>A route's shared circuit breaker and its readable state.</summary>
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
