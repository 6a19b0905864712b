using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>The debug timeline of one call: every entry redacted of secrets as it is recorded.</summary>
internal sealed class DebugLog(TimeProvider time, SecretRedactor redactor)
{
    private readonly List<DebugEvent> _events = [];

    public void Add(DebugEventKind kind, string modelId, string detail)
    {
        var entry = new DebugEvent(time.GetUtcNow(), kind, modelId, redactor.Redact(detail));
        lock (_events)
        {
            _events.Add(entry);
        }
    }

    public void Request(ModelRoute route, AttemptKind kind, IList<ChatMessage> messages)
    {
        var text = new StringBuilder().Append(kind).Append(" to ").Append(route.Endpoint.DisplayUrl);
        foreach (var message in messages)
        {
            text.Append('\n').Append('[').Append(message.Role.Value).Append("] ").Append(message.Text);
            foreach (var other in message.Contents.Where(c => c is not TextContent))
            {
                text.Append(" <").Append(other.GetType().Name).Append('>');
            }
        }

        Add(DebugEventKind.Request, route.Id.Canonical, text.ToString());
    }

    public void Response(ModelRoute route, ChatResponse response, TimeSpan elapsed) => Add(
        DebugEventKind.Response,
        route.Id.Canonical,
        string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMilliseconds:0} ms, finish {response.FinishReason?.Value ?? "?"}, tokens {response.Usage?.InputTokenCount ?? 0}→{response.Usage?.OutputTokenCount ?? 0}\n{response.Text}"));

    public IReadOnlyList<DebugEvent> Snapshot()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }
}
