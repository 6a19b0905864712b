using System.Text.RegularExpressions;

namespace PromptGen.Testing;

/// <summary>One scripted rule: what it matches and what it answers. Built with <see cref="SimulatorScript"/>.</summary>
public sealed class SimulatorRule
{
    private int _remaining = -1;

    internal SimulatorRule()
    {
    }

    /// <summary>Gets the model pattern (exact, case-insensitive, <c>*</c> as wildcard), or <see langword="null"/> for any model.</summary>
    public string? Model { get; internal set; }

    /// <summary>
    /// Gets the text the user's prompt must contain (case-insensitive), if any: it is looked for in the first user message
    /// (the prompt as written, still there on a re-ask or a later turn) and in the last (the current turn, such as a
    /// re-ask's repair message), each with all its text blocks (an image between them does not hide the text).
    /// </summary>
    public string? UserContains { get; internal set; }

    /// <summary>Gets the pattern the first or the last user message (all text blocks) must match, if any.</summary>
    public Regex? UserPattern { get; internal set; }

    /// <summary>Gets the protocol the rule is limited to, if any.</summary>
    public SimulatorProtocol? Protocol { get; internal set; }

    /// <summary>Gets the reply text (for JSON replies, the JSON).</summary>
    public string? Reply { get; internal set; }

    /// <summary>Gets the fault produced instead of a reply, if any.</summary>
    public SimulatorFault? Fault { get; internal set; }

    /// <summary>Gets the <c>Retry-After</c> sent with <see cref="SimulatorFault.RateLimited"/>.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>Gets the reported input tokens; estimated from the prompt when not set.</summary>
    public int? InputTokens { get; internal set; }

    /// <summary>Gets the reported output tokens; estimated from the reply when not set.</summary>
    public int? OutputTokens { get; internal set; }

    /// <summary>Gets the delay before answering, measured by the simulator's <see cref="TimeProvider"/>.</summary>
    public TimeSpan Latency { get; internal set; }

    /// <summary>Gets the wait between streamed events after the first text, so time to first token and total time differ.</summary>
    public TimeSpan TokenInterval { get; internal set; }

    /// <summary>Gets the size of each streamed text delta in characters; 0 for the default (the reply in about three deltas, split at whitespace).</summary>
    public int ChunkSize { get; internal set; }

    internal int Times
    {
        set => _remaining = value;
    }

    internal bool Matches(RecordedRequest request)
    {
        if (Protocol is { } protocol && protocol != request.Protocol)
        {
            return false;
        }

        if (Model is { } model && !Glob(model, request.Model ?? string.Empty))
        {
            return false;
        }

        // The prompt the user wrote (the first user message) or the current turn (the last one), every text block of
        // each: a prompt with an image between its text matches, and so does every re-ask turn of it.
        return UserMatches(request.FirstUserMessageText) || UserMatches(request.LastUserMessageText) || UserMatches(request.LastUserText);
    }

    private bool UserMatches(string? text)
    {
        var user = text ?? string.Empty;
        return (UserContains is null || user.Contains(UserContains, StringComparison.OrdinalIgnoreCase))
            && (UserPattern is null || UserPattern.IsMatch(user));
    }

    /// <summary>Consumes one use of a rule limited by <c>Times</c>; unlimited rules always succeed.</summary>
    internal bool TryConsume()
    {
        while (true)
        {
            var remaining = Volatile.Read(ref _remaining);
            if (remaining < 0)
            {
                return true;
            }

            if (remaining == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _remaining, remaining - 1, remaining) == remaining)
            {
                return true;
            }
        }
    }

    private static bool Glob(string pattern, string text) => pattern.Contains('*', StringComparison.Ordinal)
        ? Regex.IsMatch(text, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
        : string.Equals(pattern, text, StringComparison.OrdinalIgnoreCase);
}
