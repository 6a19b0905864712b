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
        var images = await ImageResolver.LoadAsync(list, cancellationToken).ConfigureAwait(false);
        var attempts = new List<AttemptRecord>(chain.Count);
        List<PromptGenException>? failures = null;
        for (var i = 0; i < chain.Count; i++)
        {
            if (i > 0)
            {
                Log.FallingBack(_logger, chain[i - 1].Id.Canonical, chain[i].Id.Canonical);
            }

            using var attempt = new RouteAttempt(chain[i], i == 0 ? AttemptKind.Primary : AttemptKind.Fallback, options?.AttemptTimeout, _time, _options.RecordMessageContent, list, TimeSpan.Zero, cancellationToken);
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
            var more = true;
            while (more)
            {
                PromptGenException? error = null;
                try
                {
                    AttemptContext.Current = attempt.Context;
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
                    updates.Add(stream.Current);
                    yield return stream.Current;
                }
                else
                {
                    attempts.Add(attempt.Succeeded(updates.ToChatResponse()));
                    yield break;
                }
            }
        }

        throw Fail(failures!, attempts);
    }
}
