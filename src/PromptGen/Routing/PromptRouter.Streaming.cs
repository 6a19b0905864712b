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
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        PromptCallOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return StreamAsync(messages, options, [], cancellationToken);
    }

    /// <summary>
    /// Streams the answer and returns it assembled, with the trace of every attempt; the answering attempt records the
    /// time to its first text (<see cref="AttemptRecord.TimeToFirstToken"/>).
    /// </summary>
    internal async ValueTask<RoutedResponse> GetStreamedResponseAsync(IList<ChatMessage> messages, PromptCallOptions? options, CancellationToken cancellationToken)
    {
        var attempts = new List<AttemptRecord>();
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in StreamAsync(messages, options, attempts, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        return new RoutedResponse(response, attempts[^1].ModelId, new PromptTrace(attempts));
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        IEnumerable<ChatMessage> messages,
        PromptCallOptions? options,
        List<AttemptRecord> attempts,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var chain = ResolveChain(options?.Model, options?.Fallbacks);
        var images = await ImageResolver.LoadAsync(list, cancellationToken).ConfigureAwait(false);
        List<PromptGenException>? failures = null;
        for (var i = 0; i < chain.Count; i++)
        {
            if (i > 0)
            {
                Log.FallingBack(_logger, chain[i - 1].Id.Canonical, chain[i].Id.Canonical);
            }

            using var attempt = new RouteAttempt(chain[i], i == 0 ? AttemptKind.Primary : AttemptKind.Fallback, options?.AttemptTimeout, _time, _timeouts, _options.RecordMessageContent, list, TimeSpan.Zero, cancellationToken);
            IList<ChatMessage> prepared;
            try
            {
                prepared = await _images.PrepareAsync(images, list, attempt.Route, attempt.Token).ConfigureAwait(false);
            }
            catch (PromptImageException exception)
            {
                var (error, record) = attempt.Failed(exception, _redactor, _logger);
                attempts.Add(record);
                (failures ??= []).Add(error);
                continue;
            }

            var stream = attempt.Route.Client.GetStreamingResponseAsync(prepared, options?.ChatOptions, attempt.Token).GetAsyncEnumerator(attempt.Token);
            await using var _ = stream.ConfigureAwait(false);
            var updates = new List<ChatResponseUpdate>();
            TimeSpan? firstToken = null;
            var more = true;
            while (more)
            {
                PromptGenException? error = null;
                try
                {
                    AttemptContext.Current = attempt;
                    more = await stream.MoveNextAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    attempts.Add(attempt.Cancelled());
                    throw;
                }
                catch (Exception exception)
                {
                    (error, var record) = attempt.Failed(exception, _redactor, _logger);
                    attempts.Add(record);
                    (failures ??= []).Add(error);
                }
                finally
                {
                    AttemptContext.Current = null;
                }

                if (error is not null)
                {
                    // Once text has reached the caller, switching models would splice two answers.
                    if (updates.Count > 0)
                    {
                        throw Fail(failures!, attempts);
                    }

                    break;
                }

                if (more)
                {
                    if (firstToken is null && stream.Current.Text is { Length: > 0 })
                    {
                        firstToken = attempt.Elapsed;
                    }

                    updates.Add(stream.Current);
                    yield return stream.Current;
                }
                else
                {
                    attempts.Add(attempt.Succeeded(updates.ToChatResponse()) with { TimeToFirstToken = firstToken });
                    yield break;
                }
            }
        }

        throw Fail(failures!, attempts);
    }
}
