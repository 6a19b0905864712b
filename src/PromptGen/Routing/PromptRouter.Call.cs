using Microsoft.Extensions.AI;

namespace PromptGen;

public sealed partial class PromptRouter
{
    /// <summary>
    /// Sends <paramref name="messages"/> to the model of <paramref name="options"/>, falling back in order on failure.
    /// </summary>
    /// <param name="messages">The conversation, system message first.</param>
    /// <param name="options">The model, fallbacks and chat options; <see langword="null"/> for the default model.</param>
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
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var chain = ResolveChain(options?.Model, options?.Fallbacks);
        var attempts = new List<AttemptRecord>(chain.Count);
        List<PromptGenException>? failures = null;
        for (var i = 0; i < chain.Count; i++)
        {
            var route = chain[i];
            if (i > 0)
            {
                Log.FallingBack(_logger, chain[i - 1].Id.Canonical, route.Id.Canonical);
            }

            var kind = i == 0 ? AttemptKind.Primary : AttemptKind.Fallback;
            var startedAt = _time.GetUtcNow();
            var started = _time.GetTimestamp();
            using var activity = PromptGenTelemetry.StartAttempt(route, kind);
            if (_options.RecordMessageContent)
            {
                PromptGenTelemetry.RecordContent(activity, list);
            }

            var context = new AttemptContext();
            using var timeout = new CancellationTokenSource(options?.AttemptTimeout ?? route.Endpoint.Timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                AttemptContext.Current = context;
                var response = await route.Client.GetResponseAsync(list, options?.ChatOptions, linked.Token).ConfigureAwait(false);
                if (response.FinishReason == ChatFinishReason.ContentFilter)
                {
                    throw ErrorMapper.ContentFiltered(route);
                }

                var elapsed = _time.GetElapsedTime(started);
                PromptGenTelemetry.Succeeded(activity, route, response, elapsed);
                attempts.Add(new AttemptRecord(route.Id.Canonical, route.Endpoint.Provider, kind, startedAt, elapsed, AttemptOutcome.Succeeded)
                {
                    InputTokens = response.Usage?.InputTokenCount,
                    OutputTokens = response.Usage?.OutputTokenCount,
                    CostUsd = response.AdditionalProperties?.TryGetValue(PromptGenResponseProperties.CostUsd, out var cost) == true ? cost as decimal? : null,
                });
                return new PromptResult<ChatResponse>(response, route.Id.Canonical, new PromptTrace(attempts))
                {
                    RawText = response.Text,
                    Usage = response.Usage,
                };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                attempts.Add(Failed(route, kind, startedAt, started, PromptErrorKind.Cancelled, "Cancelled by the caller.", null));
                throw;
            }
            catch (Exception exception)
            {
                var error = ErrorMapper.Map(exception, context, route, timeout.IsCancellationRequested, _redactor);
                PromptGenTelemetry.Failed(activity, route, error.Kind, error.Message, _time.GetElapsedTime(started));
                Log.AttemptFailed(_logger, route.Id.Canonical, error.Kind, error.Message);
                attempts.Add(Failed(route, kind, startedAt, started, error.Kind, error.Message, error.StatusCode));
                (failures ??= []).Add(error);
            }
            finally
            {
                AttemptContext.Current = null;
            }
        }

        throw Fail(failures!, attempts);
    }

    internal AttemptRecord Failed(ModelRoute route, AttemptKind kind, DateTimeOffset startedAt, long started, PromptErrorKind error, string message, int? status) =>
        new(route.Id.Canonical, route.Endpoint.Provider, kind, startedAt, _time.GetElapsedTime(started), AttemptOutcome.Failed)
        {
            ErrorKind = error,
            ErrorMessage = message,
            StatusCode = status,
        };

    private static PromptGenException Fail(List<PromptGenException> failures, List<AttemptRecord> attempts) =>
        failures[0].WithTrace(new PromptTrace(attempts), failures.Count > 1 ? failures[1..] : null);
}
