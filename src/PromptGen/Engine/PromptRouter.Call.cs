using System.Threading.Channels;
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
        CancellationToken cancellationToken = default) =>
        (await SendAsync(messages, options, cancellationToken).ConfigureAwait(false)).ToResult();

    /// <summary><see cref="GetResponseAsync"/> for the executor: a <see cref="ValueTask{TResult}"/>, so a call that completes synchronously allocates no task.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The call's options.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <param name="resolved">The chain of <paramref name="options"/>, when the caller keeps it resolved (the executor does, per descriptor).</param>
    /// <param name="streaming">Whether each attempt streams (first-token and idle timeouts apply; the response is assembled from the updates).</param>
    /// <param name="sink">Where a streamed call's updates go as they arrive; once content has been written there, nothing is retried or falls back.</param>
    /// <param name="shared">The escalation budget of a larger call (the executor's, across re-asks); <see langword="null"/> for one of this call alone.</param>
    /// <param name="cache">How the call uses the response cache (<see cref="PromptCacheOptions"/>).</param>
    /// <param name="demand">The sink's reader's asks (<see cref="StreamDemand"/>): the provider is read only as fast as the reader takes; <see langword="null"/> to read ahead.</param>
    internal async ValueTask<RoutedResponse> SendAsync(
        IEnumerable<ChatMessage> messages,
        PromptCallOptions? options,
        CancellationToken cancellationToken,
        IReadOnlyList<ModelRoute>? resolved = null,
        bool streaming = false,
        ChannelWriter<ChatResponseUpdate>? sink = null,
        EscalationBudget? shared = null,
        CacheUse cache = CacheUse.LookupAndStore,
        StreamDemand? demand = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var chain = resolved ?? ResolveChain(options?.Model, options?.Fallbacks);
        var escalation = options?.Escalation ?? _options.Escalation;
        var stronger = escalation is { StrongerModel: { } s, SwitchModelAfter: > 0 } ? Resolve(s) : null;
        var handler = options?.EscalationHandler ?? _escalationHandler;
        var escalations = shared ?? (handler is null ? EscalationBudget.None : new EscalationBudget(handler, escalation));
        var total = options?.TotalTimeout ?? _options.TotalTimeout;
        using var deadline = total is { } t ? new CancellationTokenSource(t, _time) : null;
        using var linked = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var list = messages as IList<ChatMessage> ?? [.. messages];

        // Files and bytes are read once, before any route: a missing or corrupt image fails the call at once.
        var images = ImageResolver.HasImages(list) ? await ImageResolver.LoadAsync(list, cancellationToken).ConfigureAwait(false) : null;
        var call = new CallState(
            this,
            options?.Debug ?? _options.Debug ? new DebugLog(_time, _redactor) : null,
            list,
            options,
            total is { } end ? _time.GetUtcNow() + end : null,
            escalation,
            stronger,
            escalations,
            cancellationToken,
            deadline?.Token ?? CancellationToken.None,
            linked?.Token ?? cancellationToken)
        {
            Images = images,
            Streaming = streaming || sink is not null,
            Sink = sink,
            Demand = demand,
            FirstTokenTimeout = options?.FirstTokenTimeout ?? _options.FirstTokenTimeout,
            IdleTimeout = options?.IdleTimeout ?? _options.IdleTimeout,
        };
        if (await CachedAsync(call, chain, cache).ConfigureAwait(false) is { } cached)
        {
            return cached;
        }

        var (response, answered, failures) = await RunChainAsync(call, chain, AttemptKind.Primary).ConfigureAwait(false);
        if (ReferenceEquals(response, s_cancelledStream))
        {
            // The reader stopped reading: nobody waits for an answer, and a truncated one is never cached.
            return new RoutedResponse(response, answered!.Id.Canonical, new PromptTrace(call.Attempts, call.Debug?.Snapshot()));
        }

        var result = response is not null
            ? Result(response, answered!.Id.Canonical, call)
            : await EscalateAsync(call, chain, failures).ConfigureAwait(false);
        result = await CompleteAsync(call, result, cache).ConfigureAwait(false);
        if (sink is not null && !call.Delivered)
        {
            // An answer that did not come from a stream (the escalation handler supplied it) still reaches the caller.
            foreach (var update in result.Response.ToChatResponseUpdates())
            {
                sink.TryWrite(update);
            }
        }

        return result;
    }

    /// <summary>
    /// Every route failed: the escalation handler (if there is one, within its budget and the deadline) supplies an
    /// answer, names another model or rewrites the prompt, and the chain runs again; otherwise the call fails with every
    /// attempt attached. Kept apart from <see cref="SendAsync"/> so the common call stays short.
    /// </summary>
    private async ValueTask<RoutedResponse> EscalateAsync(CallState call, IReadOnlyList<ModelRoute> chain, List<PromptGenException> failures)
    {
        while (true)
        {
            if (call.Delivered)
            {
                // The stream broke after content reached the caller: that failure is the one to report.
                throw Fail([failures[^1], .. failures[..^1]], call.Attempts, call.Debug);
            }

            // The request (a copy of the conversation and trace) is built only when the handler will be asked.
            if (call.DeadlineToken.IsCancellationRequested || !call.Escalations.CanAsk
                || await call.Escalations.AskAsync(Request(call, chain, failures), call.Debug, call.CallerToken).ConfigureAwait(false) is not { } decision)
            {
                throw Fail(failures, call.Attempts, call.Debug);
            }

            switch (decision.Action)
            {
                case EscalationAction.Supply:
                    call.Attempts.Add(new AttemptRecord("escalation/handler", "escalation", AttemptKind.Escalation, _time.GetUtcNow(), TimeSpan.Zero, AttemptOutcome.Succeeded));
                    return Result(new ChatResponse(new ChatMessage(ChatRole.Assistant, decision.Answer)), "escalation/handler", call);
                case EscalationAction.RetryWithModel:
                    chain = [Resolve(decision.ModelId)];
                    call.Escalations.RetryModel = decision.ModelId;
                    break;
                case EscalationAction.RetryWithPrompt:
                    List<ChatMessage> replaced = [.. decision.Messages!];
                    call = call with { Messages = replaced, Images = await ImageResolver.LoadAsync(replaced, call.CallerToken).ConfigureAwait(false) };
                    break;
                default:
                    throw Fail(failures, call.Attempts, call.Debug);
            }

            call.AskedEarly = false;
            var (response, answered, next) = await RunChainAsync(call, chain, AttemptKind.Escalation).ConfigureAwait(false);
            if (response is not null)
            {
                return Result(response, answered!.Id.Canonical, call);
            }

            failures = next;
        }
    }

    private static EscalationRequest Request(CallState call, IReadOnlyList<ModelRoute> chain, List<PromptGenException> failures) =>
        new(chain[0].Id.Canonical, [.. call.Messages], new PromptTrace([.. call.Attempts], call.Debug?.Snapshot()), failures[^1], Exhausted: !call.AskedEarly);

    /// <summary>Tries the routes in order (with retries and breakers); a staged threshold can insert the stronger model or stop early to ask the handler.</summary>
    private async ValueTask<(ChatResponse? Response, ModelRoute? Route, List<PromptGenException> Failures)> RunChainAsync(CallState call, IReadOnlyList<ModelRoute> chain, AttemptKind firstKind)
    {
        var retry = call.Options?.Retry ?? _options.Retry;
        List<PromptGenException>? failures = null;
        for (var i = 0; i < chain.Count; i++)
        {
            if (i > 0)
            {
                Log.FallingBack(_logger, chain[i - 1].Id.Canonical, chain[i].Id.Canonical);
                call.Debug?.Add(DebugEventKind.Fallback, chain[i].Id.Canonical, $"falling back from {chain[i - 1].Id.Canonical} after {failures![^1].Kind}");
            }

            var kind = i == 0 ? firstKind : call.SwitchedAt == i ? AttemptKind.Escalation : AttemptKind.Fallback;
            var breaker = _resilience.BreakerFor(chain[i], call.Options?.CircuitBreaker);
            var route = new RouteCall(call, chain[i], kind, new RetryState(chain[i], retry, call.Deadline, _time, call.Debug, call));
            if (call.Debug is not null)
            {
                // Debug mode reads the breaker's state (under its lock) to report transitions as they happen.
                route.Retry.Watched = breaker;
                route.Retry.LastCircuit = breaker.Status;
            }

            var context = ResilienceContextPool.Shared.Get(call.Token);
            context.Properties.Set(ResilienceRegistry.StateKey, route.Retry);
            try
            {
                await AdmitRouteAsync(call, chain[i]).ConfigureAwait(false);
                var response = await breaker.Pipeline
                    .ExecuteAsync(static (ctx, r) => r.Call.Router.AttemptAsync(r, ctx.CancellationToken), context, route).ConfigureAwait(false);

                // A stream the caller cancelled mid-answer ends as a cancellation, never a truncated success; one whose
                // reader is gone ends quietly (SendAsync), with nobody to throw to.
                return ReferenceEquals(response, s_cancelledStream) && call.CallerToken.IsCancellationRequested
                    ? throw new OperationCanceledException(call.CallerToken)
                    : (response, chain[i], failures ?? []);
            }
            catch (BrokenCircuitException open)
            {
                // The breaker rejected an attempt without running it: a skipped attempt, no request sent.
                var error = ErrorMapper.CircuitOpen(chain[i], open.RetryAfter);
                var skipped = route.Retry.Attempts++ == 0 ? kind : AttemptKind.Retry;
                call.Attempts.Add(RouteAttempt.Skipped(chain[i], skipped, _time.GetUtcNow(), skipped == AttemptKind.Retry ? route.Retry.NextDelay : TimeSpan.Zero, error));
                call.Debug?.Add(DebugEventKind.Error, chain[i].Id.Canonical, error.Message);
                (failures ??= []).Add(error);
            }
            catch (OperationCanceledException) when (call.CallerToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException) when (call.DeadlineToken.IsCancellationRequested)
            {
                // The deadline passed during a backoff wait.
                (failures ??= []).Add(ErrorMapper.DeadlineExceeded(chain[i]));
            }
            catch (PromptGenException error)
            {
                (failures ??= []).Add(error);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
                route.Retry.NoteCircuit();
            }

            if (call.DeadlineToken.IsCancellationRequested || call.Delivered)
            {
                // Past the deadline, or content already reached the caller: another model would splice two answers.
                break;
            }

            if (call.ShouldSwitch)
            {
                // The chain is usually the router's cached one: insert into a copy.
                chain = [.. chain.Take(i + 1), call.Stronger!, .. chain.Skip(i + 1)];
                call.SwitchedAt = i + 1;
            }
            else if (i < chain.Count - 1 && (call.AskedEarly || call.ShouldAsk))
            {
                call.AskedEarly = true;
                break;
            }
        }

        return (null, null, failures ?? []);
    }

    private static RoutedResponse Result(ChatResponse response, string modelId, CallState call) =>
        new(response, modelId, new PromptTrace(call.Attempts, call.Debug?.Snapshot()));

    /// <summary>Gets the state of the circuit breaker of a route, for health checks and the CLI.</summary>
    /// <param name="modelIdOrAlias">A model id or alias.</param>
    /// <returns>The state; <see cref="CircuitStatus.Closed"/> for a route that has not been called.</returns>
    public CircuitStatus GetCircuitStatus(string modelIdOrAlias) =>
        _resilience.TryGetBreaker(Resolve(modelIdOrAlias).Id.Canonical, out var breaker) ? breaker!.Status : CircuitStatus.Closed;

    /// <summary>One attempt on one route, run inside the route's retry and breaker pipeline: mapped, timed and recorded.</summary>
    private async ValueTask<ChatResponse> AttemptAsync(RouteCall route, CancellationToken token)
    {
        var call = route.Call;
        var kind = route.Retry.Attempts++ == 0 ? route.FirstKind : AttemptKind.Retry;
        var delay = kind == AttemptKind.Retry ? route.Retry.NextDelay : TimeSpan.Zero;
        var (waited, refused) = _limits.Any ? await AdmitAttemptAsync(call, route.Route, token).ConfigureAwait(false) : default;
        using var attempt = new RouteAttempt(route.Route, kind, call.Options?.AttemptTimeout, _time, _timeouts, _options.RecordMessageContent, call.Messages, delay, call.Streaming ? call.FirstTokenTimeout : null, token, call.DeadlineToken)
        {
            Images = call.Images,
            BudgetWait = waited,
        };
        call.Debug?.Request(route.Route, kind, call.Messages);
        try
        {
            // No reset afterwards: an async method's changes to async-locals end when it returns (the caller's execution
            // context is restored), and every set allocates a new context.
            AttemptContext.Current = attempt;
            refused?.Throw();

            // The route's client fits the call's images (ImageFittingChatClient), which it reads from the attempt.
            var response = call.Streaming
                ? await StreamAttemptAsync(call, attempt, call.Messages).ConfigureAwait(false)
                : await attempt.Route.Pipeline.GetResponseAsync(call.Messages, call.Options?.ChatOptions, attempt.Token).ConfigureAwait(false);
            if (ReferenceEquals(response, s_cancelledStream))
            {
                call.Attempts.Add(attempt.Cancelled());
                return response;
            }

            if (response.FinishReason == ChatFinishReason.ContentFilter)
            {
                throw ErrorMapper.ContentFiltered(attempt.Route);
            }

            var success = attempt.Succeeded(response);
            call.Attempts.Add(success);
            Settled(attempt.Route, response);
            call.Debug?.Response(route.Route, response, success.Duration);
            return response;
        }
        catch (OperationCanceledException) when (call.CallerToken.IsCancellationRequested)
        {
            call.Attempts.Add(attempt.Cancelled());
            throw;
        }
        catch (Exception exception)
        {
            throw AttemptFailed(call, attempt, exception);
        }
    }

    /// <summary>Classifies a failed attempt, records it in the call's trace and debug log, and returns the error to throw.</summary>
    private PromptGenException AttemptFailed(CallState call, RouteAttempt attempt, Exception exception)
    {
        var (error, record) = attempt.Failed(exception, _redactor, _logger);
        call.Attempts.Add(record);
        call.Debug?.Add(DebugEventKind.Error, attempt.Route.Id.Canonical, $"{error.Kind}: {error.Message}");
        Unsettled(call, attempt.Route, error);
        return error;
    }

    private static PromptGenException Fail(List<PromptGenException> failures, List<AttemptRecord> attempts, DebugLog? debug = null) =>
        failures[0].WithTrace(new PromptTrace([.. attempts], debug?.Snapshot()), failures.Count > 1 ? failures[1..] : null);
}
