using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace PromptGen;

public sealed partial class PromptRouter
{
    /// <summary>What a streamed attempt returns when the caller cancelled or stopped reading: never an answer.</summary>
    private static readonly ChatResponse s_cancelledStream = new();

    private static readonly UnboundedChannelOptions s_streamChannel = new()
    {
        SingleReader = true,
        SingleWriter = true,
    };

    /// <summary>
    /// Streams the answer of the model of <paramref name="options"/> through the same pipeline as
    /// <see cref="GetResponseAsync"/>: overall deadline, retries with backoff and <c>Retry-After</c>, circuit breakers,
    /// attempt, first-token and idle timeouts, fallbacks, escalation, trace and telemetry. Every failure before the first
    /// content is retried or falls back like any call; once content has been yielded, a failure ends the stream with the
    /// typed error (its trace says how far the answer got).
    /// </summary>
    /// <param name="messages">The conversation, system message first.</param>
    /// <param name="options">The model, fallbacks and chat options; <see langword="null"/> for the default model.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>
    /// The updates as they arrive; once they have been read, <see cref="PromptStream{T}.Completion"/> holds the whole
    /// answer with the model that gave it, its usage and the trace.
    /// </returns>
    /// <exception cref="PromptGenException">The call failed; the trace is attached.</exception>
    public PromptStream<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        PromptCallOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return Stream(messages, options, null, static update => update, cancellationToken);
    }

    /// <summary>A streamed call as a <see cref="PromptStream{T}"/> of <typeparamref name="T"/>: the router's updates, or the executor's text fragments.</summary>
    internal PromptStream<T> Stream<T>(
        IEnumerable<ChatMessage> messages,
        PromptCallOptions? options,
        IReadOnlyList<ModelRoute>? resolved,
        Func<ChatResponseUpdate, T?> select,
        CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<PromptResult<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        return new PromptStream<T>(StreamAsync(messages, options, resolved, select, completion, cancellationToken), completion.Task);
    }

    private async IAsyncEnumerable<T> StreamAsync<T>(
        IEnumerable<ChatMessage> messages,
        PromptCallOptions? options,
        IReadOnlyList<ModelRoute>? resolved,
        Func<ChatResponseUpdate, T?> select,
        TaskCompletionSource<PromptResult<string>> completion,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The call runs as the producer of a channel: it is the same SendAsync as every other call, in streaming mode. It
        // reads the provider only when this reader asks (StreamDemand), so the reader that stops early leaves no read
        // pending: the attempt disposes the provider's stream and ends, with no cancellation to unwind.
        var channel = Channel.CreateUnbounded<ChatResponseUpdate>(s_streamChannel);
        var demand = new StreamDemand();
        var producer = ProduceAsync(channel.Writer, demand, messages, options, resolved, cancellationToken);
        var read = false;
        try
        {
            while (true)
            {
                if (channel.Reader.TryRead(out var update))
                {
                    demand.Took();
                    if (select(update) is { } selected)
                    {
                        yield return selected;
                    }

                    continue;
                }

                demand.Ask();
                if (!await channel.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    break;
                }
            }

            read = true;
        }
        finally
        {
            if (!read)
            {
                // The reader stopped early: the attempt stops at its next ask (no read of the provider is pending while
                // the reader holds an update), disposes the provider's stream, which aborts the request as when an MEAI
                // enumerator is disposed, and ends in the background: the reader does not wait for it.
                demand.Abandon();
                completion.TrySetCanceled(cancellationToken.IsCancellationRequested ? cancellationToken : new CancellationToken(canceled: true));
                _ = producer.ContinueWith(
                    static ended => _ = ended.Exception,
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously | TaskContinuationOptions.OnlyOnFaulted,
                    TaskScheduler.Default);
            }
        }

        RoutedResponse result;
        try
        {
            result = await producer.ConfigureAwait(false);
        }
        catch (OperationCanceledException cancelled) when (cancellationToken.IsCancellationRequested)
        {
            completion.TrySetCanceled(cancellationToken);
            throw new OperationCanceledException(cancelled.Message, cancelled, cancellationToken);
        }
        catch (Exception error)
        {
            completion.TrySetException(error);
            throw;
        }

        completion.TrySetResult(new PromptResult<string>(result.Response.Text, result.ModelId, result.Trace) { RawText = result.Response.Text, Usage = result.Response.Usage });
    }

    private async Task<RoutedResponse> ProduceAsync(
        ChannelWriter<ChatResponseUpdate> writer,
        StreamDemand demand,
        IEnumerable<ChatMessage> messages,
        PromptCallOptions? options,
        IReadOnlyList<ModelRoute>? resolved,
        CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(messages, options, cancellationToken, resolved, streaming: true, sink: writer, demand: demand).ConfigureAwait(false);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    /// <summary>
    /// The streamed form of one attempt, inside the route's retry and breaker pipeline like a plain request: watched for
    /// its first content and for stalls, written to the call's sink as it arrives, and assembled into the response the
    /// attempt returns.
    /// </summary>
    private static async ValueTask<ChatResponse> StreamAttemptAsync(CallState call, RouteAttempt attempt, IList<ChatMessage> messages)
    {
        var updates = new List<ChatResponseUpdate>();
        var held = 0;
        var owed = false;
        var stream = attempt.Route.Pipeline.GetStreamingResponseAsync(messages, call.Options?.ChatOptions, attempt.Token).GetAsyncEnumerator(attempt.Token);
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    try
                    {
                        if (owed && !await call.Demand!.TakeAsync(call.Token).ConfigureAwait(false))
                        {
                            // The reader is gone: disposing the provider's stream (below) aborts the request.
                            return s_cancelledStream;
                        }

                        owed = false;
                        if (!await stream.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    catch (OperationCanceledException) when (call.CallerToken.IsCancellationRequested && call.Sink is not null)
                    {
                        // The reader is gone or the caller cancelled mid-stream: the attempt ends here, recorded as cancelled,
                        // and the cancellation is thrown once, at the top of the call (SendAsync), instead of unwinding through
                        // the retry, breaker and chain loop, none of which would act on it.
                        return s_cancelledStream;
                    }

                    var update = stream.Current;
                    updates.Add(update);
                    var content = attempt.TimeToFirstToken is not null || HasContent(update);

                    // Re-armed before the update is handed on, so the watch runs from the moment the update arrived.
                    attempt.Progressed(content, call.IdleTimeout);
                    if (call.Sink is not { } sink || !content)
                    {
                        // Updates before the first content (roles, metadata) are held back, so a retried attempt repeats nothing.
                        continue;
                    }

                    if (call.Demand is { } demand)
                    {
                        demand.Delivering(attempt, call.IdleTimeout);
                        owed = true;
                    }

                    for (; held < updates.Count; held++)
                    {
                        call.Delivered = true;
                        sink.TryWrite(updates[held]);
                    }
                }
            }
        }
        finally
        {
            // Over, whichever way: the reader's asks never touch this attempt again (it is disposed next).
            call.Demand?.Detach();
        }

        return updates.ToChatResponse();
    }

    /// <summary>Whether an update carries part of the answer (text or another content), not just a role, usage or metadata.</summary>
    private static bool HasContent(ChatResponseUpdate update)
    {
        foreach (var content in update.Contents)
        {
            if (content is TextContent { Text.Length: > 0 } or TextReasoningContent { Text.Length: > 0 } || content is not (TextContent or TextReasoningContent or UsageContent))
            {
                return true;
            }
        }

        return false;
    }
}
