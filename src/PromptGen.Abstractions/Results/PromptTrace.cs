using System.Globalization;
using System.Text;

namespace PromptGen;

/// <summary>
/// The full attempt log of one prompt call: every transport attempt, fallback hop, re-ask and judge call, in order;
/// in debug mode also a timeline of requests, raw answers, retry decisions and breaker transitions.
/// </summary>
public sealed partial class PromptTrace
{
    /// <summary>An empty trace.</summary>
    public static readonly PromptTrace Empty = new([]);

    /// <summary>Initializes a trace from its attempts.</summary>
    /// <param name="attempts">The attempts, in the order they were made.</param>
    /// <param name="debugEvents">The debug timeline, when debug mode was on.</param>
    public PromptTrace(IReadOnlyList<AttemptRecord> attempts, IReadOnlyList<DebugEvent>? debugEvents = null)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        Attempts = attempts;
        DebugEvents = debugEvents ?? [];
    }

    /// <summary>Gets the attempts in the order they were made.</summary>
    public IReadOnlyList<AttemptRecord> Attempts { get; }

    /// <summary>Gets the debug timeline; empty unless debug mode was on for the call.</summary>
    public IReadOnlyList<DebugEvent> DebugEvents { get; }

    /// <summary>Gets the number of fallback hops taken.</summary>
    public int Fallbacks => Count(AttemptKind.Fallback);

    /// <summary>Gets the number of transport retries made.</summary>
    public int Retries => Count(AttemptKind.Retry);

    /// <summary>Gets the number of validation re-asks made.</summary>
    public int Reasks => Count(AttemptKind.Reask);

    /// <summary>Gets the total input tokens over all attempts.</summary>
    public long InputTokens => Attempts.Sum(a => a.InputTokens ?? 0);

    /// <summary>Gets the total output tokens over all attempts.</summary>
    public long OutputTokens => Attempts.Sum(a => a.OutputTokens ?? 0);

    /// <summary>Gets the total duration of all attempts.</summary>
    public TimeSpan Duration => Attempts.Aggregate(TimeSpan.Zero, (sum, a) => sum + a.Duration);

    /// <summary>Renders the trace as one line per attempt.</summary>
    /// <returns>A readable attempt list.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Attempts.Count; i++)
        {
            text.Append('#').Append(i + 1).Append(' ').Append(Attempts[i]).AppendLine();
        }

        return text.ToString();
    }

    /// <summary>Renders the debug timeline (or, without debug mode, the attempts) with times relative to the start.</summary>
    /// <returns>A readable timeline.</returns>
    public string ToTimeline()
    {
        if (DebugEvents.Count == 0)
        {
            return ToString();
        }

        var start = DebugEvents[0].At;
        var text = new StringBuilder();
        foreach (var entry in DebugEvents)
        {
            var offset = (entry.At - start).TotalSeconds.ToString("+0.000s", CultureInfo.InvariantCulture);
            text.Append(offset).Append(' ').Append(entry.Kind.ToString().PadRight(17)).Append(' ').Append(entry.ModelId).Append(": ");
            text.AppendLine(entry.Detail.Replace("\n", "\n" + new string(' ', offset.Length + 20), StringComparison.Ordinal));
        }

        return text.ToString();
    }

    private int Count(AttemptKind kind) => Attempts.Count(a => a.Kind == kind);
}
