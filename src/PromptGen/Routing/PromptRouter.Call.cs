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
        var call = new CallState(
            this,
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
            }

            var route = new RouteCall(call, chain[i], i == 0 ? AttemptKind.Primary : AttemptKind.Fallback, new RetryState(chain[i], retry, call.Deadline, _time));
            var context = ResilienceContextPool.Shared.Get(linked?.Token ?? cancellationToken);
            context.Properties.Set(ResilienceRegistry.StateKey, route.Retry);
            try
            {
                var response = await pipeline.ExecuteAsync(static (ctx, r) => r.Call.Router.AttemptAsync(r, ctx.CancellationToken), context, route).ConfigureAwait(false);
                return new PromptResult<ChatResponse>(response, route.Route.Id.Canonical, new PromptTrace(call.Attempts))
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

        throw Fail(failures!, call.Attempts);
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
        try
        {
            var response = await _resilience.BreakerFor(route.Route).Pipeline.ExecuteAsync(
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
                        throw error;
                    }
                    finally
                    {
                        AttemptContext.Current = null;
                    }
                },
                (this, call, attempt),
                attempt.Token).ConfigureAwait(false);
            call.Attempts.Add(attempt.Succeeded(response));
            return response;
        }
        catch (BrokenCircuitException open)
        {
            var error = ErrorMapper.CircuitOpen(route.Route, open.RetryAfter);
            call.Attempts.Add(attempt.Skipped(error));
            throw error;
        }
        catch (OperationCanceledException) when (call.CallerToken.IsCancellationRequested)
        {
            call.Attempts.Add(attempt.Cancelled());
            throw;
        }
    }

    private static PromptGenException Fail(List<PromptGenException> failures, List<AttemptRecord> attempts) =>
        failures[0].WithTrace(new PromptTrace([.. attempts]), failures.Count > 1 ? failures[1..] : null);

    /// <summary>What every attempt of one call shares.</summary>
    private sealed record CallState(
        PromptRouter Router,
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
