using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;

namespace PromptGen;

public sealed partial class PromptRouter
{
    /// <summary>
    /// Sends <paramref name="messages"/> to the model of <paramref name="options"/>: retries transient failures with
    /// backoff, skips routes whose circuit is open, and falls back in order.
    /// </summary>
    /// <param name="messages">The conversation, system message first.</param>
    /// <param name="options">The model, fallbacks, retry policy and chat options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The provider's response with the model that answered and the attempt log.</returns>
    /// <exception cref="PromptGenException">Every route failed; the primary's error, with the fallbacks' errors and the trace attached.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<PromptResult<ChatResponse>> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        PromptCallOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var chain = ResolveChain(options?.Model, options?.Fallbacks);
        var retry = options?.Retry ?? _options.Retry;
        var total = options?.TotalTimeout ?? _options.TotalTimeout;
        using var deadline = total is { } t ? new CancellationTokenSource(t, _time) : null;
        using var linked = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var debug = options?.Debug ?? _options.Debug ? new DebugLog(_time, _redactor) : null;
        var call = new CallState(
            this,
            debug,
            messages as IList<ChatMessage> ?? [.. messages],
            options,
            total is { } end ? _time.GetUtcNow() + end : null,
            cancellationToken,
            deadline?.Token ?? CancellationToken.None);
        var pipeline = _resilience.RetryFor(retry);
        List<PromptGenException>? failures = null;
        for (var i = 0; i < chain.Count; i++)
        {
            if (i > 0)
            {
                Log.FallingBack(_logger, chain[i - 1].Id.Canonical, chain[i].Id.Canonical);
                debug?.Add(DebugEventKind.Fallback, chain[i].Id.Canonical, $"falling back from {chain[i - 1].Id.Canonical} after {failures![^1].Kind}");
            }

            var route = new RouteCall(call, chain[i], i == 0 ? AttemptKind.Primary : AttemptKind.Fallback, new RetryState(chain[i], retry, call.Deadline, _time, debug));
            var context = ResilienceContextPool.Shared.Get(linked?.Token ?? cancellationToken);
            context.Properties.Set(ResilienceRegistry.StateKey, route.Retry);
            try
            {
                var response = await pipeline.ExecuteAsync(static (ctx, r) => r.Call.Router.AttemptAsync(r, ctx.CancellationToken), context, route).ConfigureAwait(false);
                return new PromptResult<ChatResponse>(response, route.Route.Id.Canonical, new PromptTrace(call.Attempts, debug?.Snapshot()))
                {
                    RawText = response.Text,
                    Usage = response.Usage,
                };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException) when (deadline?.IsCancellationRequested == true)
            {
                // The deadline passed during a backoff wait.
                (failures ??= []).Add(ErrorMapper.DeadlineExceeded(route.Route));
            }
            catch (PromptGenException error)
            {
                (failures ??= []).Add(error);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            if (deadline?.IsCancellationRequested == true)
            {
                break;
            }
        }

        throw Fail(failures!, call.Attempts, debug);
    }

    /// <summary>Gets the state of the circuit breaker of a route, for health checks and the CLI.</summary>
    /// <param name="modelIdOrAlias">A model id or alias.</param>
    /// <returns>The state; <see cref="CircuitStatus.Closed"/> for a route that has not been called.</returns>
    public CircuitStatus GetCircuitStatus(string modelIdOrAlias) =>
        _resilience.TryGetBreaker(Resolve(modelIdOrAlias).Id.Canonical, out var breaker) ? breaker!.Status : CircuitStatus.Closed;

    /// <summary>One attempt on one route: through the route's shared breaker, mapped, timed and recorded.</summary>
    private async ValueTask<ChatResponse> AttemptAsync(RouteCall route, CancellationToken token)
    {
        var call = route.Call;
        var kind = route.Retry.Attempts++ == 0 ? route.FirstKind : AttemptKind.Retry;
        var delay = kind == AttemptKind.Retry ? route.Retry.NextDelay : TimeSpan.Zero;
        using var attempt = new RouteAttempt(route.Route, kind, call.Options?.AttemptTimeout, _time, _options.RecordMessageContent, call.Messages, delay, token, call.DeadlineToken);
        call.Debug?.Request(route.Route, kind, call.Messages);
        var breaker = _resilience.BreakerFor(route.Route);
        var before = breaker.Status;
        try
        {
            var response = await breaker.Pipeline.ExecuteAsync(
                static async (state, ct) =>
                {
                    var (router, call, attempt) = state;
                    try
                    {
                        AttemptContext.Current = attempt.Context;
                        var response = await attempt.Route.Client.GetResponseAsync(call.Messages, call.Options?.ChatOptions, ct).ConfigureAwait(false);
                        return response.FinishReason == ChatFinishReason.ContentFilter ? throw ErrorMapper.ContentFiltered(attempt.Route) : response;
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException || !call.CallerToken.IsCancellationRequested)
                    {
                        var (error, record) = attempt.Failed(exception, router._redactor, router._logger);
                        call.Attempts.Add(record);
                        call.Debug?.Add(DebugEventKind.Error, attempt.Route.Id.Canonical, $"{error.Kind}: {error.Message}");
                        throw error;
                    }
                    finally
                    {
                        AttemptContext.Current = null;
                    }
                },
                (this, call, attempt),
                attempt.Token).ConfigureAwait(false);
            var success = attempt.Succeeded(response);
            call.Attempts.Add(success);
            call.Debug?.Response(route.Route, response, success.Duration);
            return response;
        }
        catch (BrokenCircuitException open)
        {
            var error = ErrorMapper.CircuitOpen(route.Route, open.RetryAfter);
            call.Attempts.Add(attempt.Skipped(error));
            call.Debug?.Add(DebugEventKind.Error, route.Route.Id.Canonical, error.Message);
            throw error;
        }
        catch (OperationCanceledException) when (call.CallerToken.IsCancellationRequested)
        {
            call.Attempts.Add(attempt.Cancelled());
            throw;
        }
        finally
        {
            // Polly reports state changes on a background scheduler; reading the state here ties them to this call.
            if (call.Debug is not null && breaker.Status != before)
            {
                call.Debug.Add(DebugEventKind.CircuitTransition, route.Route.Id.Canonical, $"circuit {before} → {breaker.Status}");
            }
        }
    }

    private static PromptGenException Fail(List<PromptGenException> failures, List<AttemptRecord> attempts, DebugLog? debug = null) =>
        failures[0].WithTrace(new PromptTrace([.. attempts], debug?.Snapshot()), failures.Count > 1 ? failures[1..] : null);

    /// <summary>What every attempt of one call shares.</summary>
    private sealed record CallState(
        PromptRouter Router,
        DebugLog? Debug,
        IList<ChatMessage> Messages,
        PromptCallOptions? Options,
        DateTimeOffset? Deadline,
        CancellationToken CallerToken,
        CancellationToken DeadlineToken)
    {
        public List<AttemptRecord> Attempts { get; } = [];
    }

    /// <summary>One route of one call, with its retry decisions.</summary>
    private sealed record RouteCall(CallState Call, ModelRoute Route, AttemptKind FirstKind, RetryState Retry);
}
