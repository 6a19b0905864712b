using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Polly.CircuitBreaker;

namespace PromptGen;

/// <summary>
/// The scale-out stages of the one call pipeline (docs/scale-out.md), each entered from a one-line hook in
/// <see cref="SendAsync"/>, the chain loop or the attempt: the response cache before and after the chain, fleet-wide
/// route health before a route, and the provider budgets before each request.
/// </summary>
public sealed partial class PromptRouter
{
    private readonly ResponseCache? _cache;
    private readonly FleetCoordinator _fleet;
    private readonly ProviderLimits _limits;

    /// <summary>The cached answer of the call, replayed to the stream's sink when there is one; <see langword="null"/> on a miss or with caching off.</summary>
    private async ValueTask<RoutedResponse?> CachedAsync(CallState call, IReadOnlyList<ModelRoute> chain, CacheUse use)
    {
        if (use == CacheUse.None || _cache is null || (call.Options?.Cache ?? _options.Cache) is not { Enabled: true })
        {
            return null;
        }

        var (key, unsupported) = ResponseCacheKey.Compute(chain, call.Messages, image => ImageHash(call, image), call.Options?.ChatOptions, call.Options?.CacheScope);
        if (key is null)
        {
            call.Debug?.Add(DebugEventKind.Error, chain[0].Id.Canonical, "not cached: " + unsupported);
            return null;
        }

        call.CacheKey = key;
        var started = _time.GetTimestamp();
        var at = _time.GetUtcNow();
        CachedAnswer? answer;
        try
        {
            answer = await _cache.GetAsync(key, call.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A cache that is down is a miss, never a failed call.
            Log.CacheUnavailable(_logger, "read", error.GetType().Name, _redactor.Redact(error.Message));
            answer = null;
        }

        PromptGenTelemetry.CacheLookup(chain[0], answer is not null);
        if (answer is null)
        {
            return null;
        }

        var provider = answer.ModelId.Split('/', 2)[0];
        call.Attempts.Add(new AttemptRecord(answer.ModelId, provider, AttemptKind.Cached, at, _time.GetElapsedTime(started), AttemptOutcome.Succeeded));
        call.Debug?.Add(DebugEventKind.Response, answer.ModelId, "answered from the response cache");
        var response = answer.ToResponse();
        if (call.Sink is { } sink)
        {
            // A streamed call replays the cached answer as a stream.
            foreach (var update in response.ToChatResponseUpdates())
            {
                sink.TryWrite(update);
            }

            call.Delivered = true;
        }

        return new RoutedResponse(response, answer.ModelId, new PromptTrace(call.Attempts, call.Debug?.Snapshot())) { CacheKey = key, FromCache = true };
    }

    /// <summary>Stores a successful routed answer when nothing validates it later, and hands the key on for the executor to store a validated one.</summary>
    private async ValueTask<RoutedResponse> CompleteAsync(CallState call, RoutedResponse result, CacheUse use)
    {
        if (call.CacheKey is not { } key || result.FromCache)
        {
            return result;
        }

        result = result with { CacheKey = key };
        if (use == CacheUse.LookupAndStore)
        {
            await StoreAsync(result, call.Options, call.Token).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Stores a (validated) answer under its call's key. Answers from the escalation handler, with a secret in them, or not finished normally are not stored.</summary>
    internal async ValueTask StoreAsync(RoutedResponse result, PromptCallOptions? options, CancellationToken cancellationToken)
    {
        if (_cache is null || result.CacheKey is not { } key || result.FromCache || (options?.Cache ?? _options.Cache) is not { Enabled: true } policy
            || result.Trace.Attempts.Count == 0 || result.Trace.Attempts[^1] is not { Outcome: AttemptOutcome.Succeeded } last || last.Provider == "escalation")
        {
            return;
        }

        var text = result.Response.Text;
        if (!string.Equals(_redactor.Redact(text), text, StringComparison.Ordinal))
        {
            // Secrets never reach a cache: an answer that echoes one is served once and not kept.
            Log.CacheSkipped(_logger, result.ModelId, "the answer contains a configured secret");
            return;
        }

        try
        {
            await _cache.SetAsync(key, new CachedAnswer(result.ModelId, text, result.Response.FinishReason?.Value), policy.Duration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Log.CacheUnavailable(_logger, "write", error.GetType().Name, _redactor.Redact(error.Message));
        }
    }

    /// <summary>The hash of an image's loaded bytes (its URL when the bytes are fetched later, per route).</summary>
    private static string ImageHash(CallState call, PromptImageContent image) =>
        call.Images?.Loaded.GetValueOrDefault(image) is { } loaded ? Convert.ToHexString(SHA256.HashData(loaded.Data.Span)) : "url:" + image.Image;

    /// <summary>
    /// Fleet-wide health before a route: open elsewhere → skipped like an open breaker (<see cref="BrokenCircuitException"/>);
    /// its break over → one instance of the fleet claims the probe, the others keep skipping until it reports.
    /// </summary>
    private async ValueTask AdmitRouteAsync(CallState call, ModelRoute route)
    {
        if (_fleet.OpenUntil(route.Id.Canonical) is not { } until)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (now < until)
        {
            throw new BrokenCircuitException($"The circuit for '{route.Id.Canonical}' is open across the fleet (another instance saw it fail).", until - now);
        }

        var hold = call.Options?.AttemptTimeout ?? (route.Endpoint.Timeout == Timeout.InfiniteTimeSpan ? TimeSpan.FromMinutes(1) : route.Endpoint.Timeout);
        if (!await _fleet.TryClaimProbeAsync(route.Id.Canonical, hold, call.Token).ConfigureAwait(false))
        {
            throw new BrokenCircuitException($"The circuit for '{route.Id.Canonical}' is half-open and another instance of the fleet is sending its one probe.", hold);
        }
    }

    /// <summary>
    /// The provider budgets and 429 holds before an attempt starts (its clock, activity and timeout start after the
    /// wait, which its record carries as <see cref="AttemptRecord.BudgetWait"/>): waits within the deadline, or returns
    /// the budget <see cref="RateLimitedException"/> (or the cancellation) for the attempt to record and throw.
    /// </summary>
    private async ValueTask<(TimeSpan Waited, ExceptionDispatchInfo? Refused)> AdmitAttemptAsync(CallState call, ModelRoute route, CancellationToken token)
    {
        try
        {
            return (await _limits.AcquireAsync(route, EstimateTokens(call.Messages), call.Deadline, token).ConfigureAwait(false), null);
        }
#pragma warning disable CA1031 // Whatever stopped the wait is the attempt's failure, classified and recorded by it.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return (TimeSpan.Zero, ExceptionDispatchInfo.Capture(error));
        }
    }

    /// <summary>After an answer: charges its output tokens, and a route that was open for the fleet is healthy again.</summary>
    private void Settled(ModelRoute route, ChatResponse response)
    {
        if (_limits.Any)
        {
            _limits.Charge(route, response.Usage?.OutputTokenCount);
        }

        if (_fleet.OpenUntil(route.Id.Canonical) is not null)
        {
            _fleet.ReportRecovered(route.Id.Canonical);
        }
    }

    /// <summary>
    /// After a failure: a provider's 429 with a wait holds the provider for every call (and the fleet) until then; a
    /// transient failure of a route that was due its fleet-wide probe re-opens the route.
    /// </summary>
    private void Unsettled(CallState call, ModelRoute route, PromptGenException error)
    {
        if (error is RateLimitedException { RetryAfter: { } wait } && wait > TimeSpan.Zero && !ProviderLimits.IsBudget(error))
        {
            _limits.Hold(route, wait);
        }

        if (error.IsTransient && !ProviderLimits.IsBudget(error) && _fleet.OpenUntil(route.Id.Canonical) is { } until && _time.GetUtcNow() >= until)
        {
            _fleet.ReportOpened(route.Id.Canonical, _time.GetUtcNow() + (call.Options?.CircuitBreaker ?? _options.CircuitBreaker).BreakDuration);
        }
    }

    private static int EstimateTokens(IList<ChatMessage> messages)
    {
        long characters = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            characters += messages[i].Text.Length;
        }

        return (int)Math.Min(int.MaxValue, Math.Max(1, characters / 4));
    }
}
