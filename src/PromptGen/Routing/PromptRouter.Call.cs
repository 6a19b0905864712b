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
            using var attempt = StartAttempt(chain, i, options, list, cancellationToken);
            try
            {
                AttemptContext.Current = attempt.Context;
                var response = await attempt.Route.Client.GetResponseAsync(list, options?.ChatOptions, attempt.Token).ConfigureAwait(false);
                if (response.FinishReason == ChatFinishReason.ContentFilter)
                {
                    throw ErrorMapper.ContentFiltered(attempt.Route);
                }

                attempts.Add(attempt.Succeeded(response));
                return new PromptResult<ChatResponse>(response, attempt.Route.Id.Canonical, new PromptTrace(attempts))
                {
                    RawText = response.Text,
                    Usage = response.Usage,
                };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                attempts.Add(attempt.Cancelled());
                throw;
            }
            catch (Exception exception)
            {
                var (error, record) = attempt.Failed(exception, _redactor, _logger);
                attempts.Add(record);
                (failures ??= []).Add(error);
            }
            finally
            {
                AttemptContext.Current = null;
            }
        }

        throw Fail(failures!, attempts);
    }

    private RouteAttempt StartAttempt(IReadOnlyList<ModelRoute> chain, int index, PromptCallOptions? options, IList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        if (index > 0)
        {
            Log.FallingBack(_logger, chain[index - 1].Id.Canonical, chain[index].Id.Canonical);
        }

        var kind = index == 0 ? AttemptKind.Primary : AttemptKind.Fallback;
        return new RouteAttempt(chain[index], kind, options?.AttemptTimeout, _time, _options.RecordMessageContent, messages, cancellationToken);
    }

    private static PromptGenException Fail(List<PromptGenException> failures, List<AttemptRecord> attempts) =>
        failures[0].WithTrace(new PromptTrace(attempts), failures.Count > 1 ? failures[1..] : null);
}
