namespace PromptGen.Testing;

/// <summary>Fluent configuration of one <see cref="SimulatorRule"/>; the rule is live as soon as it is created.</summary>
public sealed class SimulatorRuleBuilder
{
    internal SimulatorRuleBuilder(SimulatorRule rule) => Rule = rule;

    /// <summary>Gets the rule being configured.</summary>
    public SimulatorRule Rule { get; }

    /// <summary>Answers with <paramref name="text"/>.</summary>
    /// <param name="text">The reply text.</param>
    /// <returns>This builder.</returns>
    public SimulatorRuleBuilder Reply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Rule.Reply = text;
        Rule.Fault = null;
        return this;
    }

    /// <summary>Answers with JSON text (sent as the message content).</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>This builder.</returns>
    public SimulatorRuleBuilder ReplyJson(string json) => Reply(json);

    /// <summary>Fails instead of answering.</summary>
    /// <param name="fault">The failure.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> for <see cref="SimulatorFault.RateLimited"/> (default 1 s).</param>
    /// <returns>This builder.</returns>
    public SimulatorRuleBuilder Fault(SimulatorFault fault, TimeSpan? retryAfter = null)
    {
        Rule.Fault = fault;
        Rule.RetryAfter = retryAfter;
        return this;
    }

    /// <summary>Reports this token usage.</summary>
    /// <param name="inputTokens">Input (prompt) tokens.</param>
    /// <param name="outputTokens">Output (completion) tokens.</param>
    /// <returns>This builder.</returns>
    public SimulatorRuleBuilder WithUsage(int inputTokens, int outputTokens)
    {
        Rule.InputTokens = inputTokens;
        Rule.OutputTokens = outputTokens;
        return this;
    }

    /// <summary>Waits this long (on the simulator's <see cref="TimeProvider"/>) before answering.</summary>
    /// <param name="latency">The delay.</param>
    /// <returns>This builder.</returns>
    public SimulatorRuleBuilder WithLatency(TimeSpan latency)
    {
        Rule.Latency = latency;
        return this;
    }

    /// <summary>
    /// In streamed replies, waits this long (on the simulator's <see cref="TimeProvider"/>) before each event after the
    /// first text: the first token arrives after <see cref="WithLatency"/>, the rest one interval apart.
    /// </summary>
    /// <param name="interval">The wait between events.</param>
    /// <returns>This builder.</returns>
    public SimulatorRuleBuilder WithTokenInterval(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        Rule.TokenInterval = interval;
        return this;
    }

    /// <summary>
    /// In streamed replies, sends the text in deltas of <paramref name="characters"/> characters each (a slowly written
    /// answer, one delta per <see cref="WithTokenInterval"/>), instead of about three deltas split at whitespace.
    /// </summary>
    /// <param name="characters">The characters per delta, at least 1.</param>
    /// <returns>This builder.</returns>
    public SimulatorRuleBuilder WithChunkSize(int characters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(characters, 1);
        Rule.ChunkSize = characters;
        return this;
    }

    /// <summary>Applies the rule to the first <paramref name="count"/> matching requests only; later ones fall through to later rules.</summary>
    /// <param name="count">How many requests the rule answers.</param>
    /// <returns>This builder.</returns>
    public SimulatorRuleBuilder Times(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Rule.Times = count;
        return this;
    }

    /// <summary>Limits the rule to one protocol.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns>This builder.</returns>
    public SimulatorRuleBuilder ForProtocol(SimulatorProtocol protocol)
    {
        Rule.Protocol = protocol;
        return this;
    }
}
