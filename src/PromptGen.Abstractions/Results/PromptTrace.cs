using System.Text;

namespace PromptGen;

/// <summary>The full attempt log of one prompt call: every transport attempt, fallback hop, re-ask and judge call, in order.</summary>
public sealed class PromptTrace
{
    /// <summary>An empty trace.</summary>
    public static readonly PromptTrace Empty = new([]);

    /// <summary>Initializes a trace from its attempts.</summary>
    /// <param name="attempts">The attempts, in the order they were made.</param>
    public PromptTrace(IReadOnlyList<AttemptRecord> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        Attempts = attempts;
    }

    /// <summary>Gets the attempts in the order they were made.</summary>
    public IReadOnlyList<AttemptRecord> Attempts { get; }

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
    /// <returns>A readable timeline.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Attempts.Count; i++)
        {
            text.Append('#').Append(i + 1).Append(' ').Append(Attempts[i]).AppendLine();
        }

        return text.ToString();
    }

    private int Count(AttemptKind kind) => Attempts.Count(a => a.Kind == kind);
}
