using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>
/// Records or replays the exchanges of one route's client. Sits directly on the provider's client (under the router's
/// attempts, retries and fallbacks), so the router treats a replayed answer exactly like a live one.
/// </summary>
internal sealed class RecordingChatClient(IChatClient inner, string model, ChatRecorder recorder) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var (scope, request, fingerprint) = recorder.Describe(model, list, options);
        if (recorder.Mode == ChatRecordingMode.Replay)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return recorder.Replay(fingerprint, scope, model, request);
        }

        var started = recorder.Time.GetTimestamp();
        var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        recorder.Record(fingerprint, scope, model, request, RecordingFormat.Exchange(response, false, recorder.Time.GetElapsedTime(started), null, recorder.Redactor));
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var (scope, request, fingerprint) = recorder.Describe(model, list, options);
        if (recorder.Mode == ChatRecordingMode.Replay)
        {
            foreach (var update in recorder.Replay(fingerprint, scope, model, request).ToChatResponseUpdates())
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return update;
            }

            yield break;
        }

        var started = recorder.Time.GetTimestamp();
        TimeSpan? firstToken = null;
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
        {
            if (firstToken is null && update.Contents.Any(c => c is TextContent { Text.Length: > 0 }))
            {
                firstToken = recorder.Time.GetElapsedTime(started);
            }

            updates.Add(update);
            yield return update;
        }

        // Only a stream read to its end is recorded: an abandoned or broken one is not an answer.
        recorder.Record(fingerprint, scope, model, request, RecordingFormat.Exchange(updates.ToChatResponse(), true, recorder.Time.GetElapsedTime(started), firstToken, recorder.Redactor));
    }
}
