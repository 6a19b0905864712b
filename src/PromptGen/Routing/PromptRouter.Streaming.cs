using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PromptGen;

public sealed partial class PromptRouter
{
    /// <summary>
    /// Streams the answer of the model of <paramref name="options"/>. Falls back to the next model only while nothing has
    /// been streamed yet; once the first update has arrived, a failure ends the stream with a typed error.
    /// </summary>
    /// <param name="messages">The conversation, system message first.</param>
    /// <param name="options">The model, fallbacks and chat options; <see langword="null"/> for the default model.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The updates as they arrive.</returns>
    /// <exception cref="PromptGenException">The call failed; the trace is attached.</exception>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        PromptCallOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var chain = ResolveChain(options?.Model, options?.Fallbacks);
        var attempts = new List<AttemptRecord>(chain.Count);
        List<PromptGenException>? failures = null;
        for (var i = 0; i < chain.Count; i++)
        {
            var route = chain[i];
            var kind = i == 0 ? AttemptKind.Primary : AttemptKind.Fallback;
            var startedAt = _time.GetUtcNow();
            var started = _time.GetTimestamp();
            using var activity = PromptGenTelemetry.StartAttempt(route, kind);
            var context = new AttemptContext();
            using var timeout = new CancellationTokenSource(options?.AttemptTimeout ?? route.Endpoint.Timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var stream = route.Client.GetStreamingResponseAsync(list, options?.ChatOptions, linked.Token).GetAsyncEnumerator(linked.Token);
            await using var _ = stream.ConfigureAwait(false);
            var updates = new List<ChatResponseUpdate>();
            var more = false;
            PromptGenException? error = null;
            do
            {
                try
                {
                    AttemptContext.Current = context;
                    more = await stream.MoveNextAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    attempts.Add(Failed(route, kind, startedAt, started, PromptErrorKind.Cancelled, "Cancelled by the caller.", null));
                    throw;
                }
                catch (Exception exception)
                {
                    error = ErrorMapper.Map(exception, context, route, timeout.IsCancellationRequested, _redactor);
                }
                finally
                {
                    AttemptContext.Current = null;
                }

                if (error is not null)
                {
                    PromptGenTelemetry.Failed(activity, route, error.Kind, error.Message, _time.GetElapsedTime(started));
                    Log.AttemptFailed(_logger, route.Id.Canonical, error.Kind, error.Message);
                    attempts.Add(Failed(route, kind, startedAt, started, error.Kind, error.Message, error.StatusCode));
                    (failures ??= []).Add(error);
                    if (updates.Count > 0)
                    {
                        // Text has already reached the caller: switching models now would splice two answers.
                        throw Fail(failures, attempts);
                    }

                    break;
                }

                if (more)
                {
                    updates.Add(stream.Current);
                    yield return stream.Current;
                }
            }
            while (more);

            if (error is null)
            {
                var response = updates.ToChatResponse();
                PromptGenTelemetry.Succeeded(activity, route, response, _time.GetElapsedTime(started));
                yield break;
            }
        }

        throw Fail(failures!, attempts);
    }
}
