using System.Text.Json.Serialization;

namespace PromptGen.Evaluation;

/// <summary>The verdicts. ERROR is not FAIL: a provider, judge or infrastructure failure says nothing about the prompt.</summary>
internal static class Outcomes
{
    public const string Pass = "PASS";
    public const string Fail = "FAIL";
    public const string Error = "ERROR";
    public const string Skipped = "SKIPPED";
}

/// <summary>One rule the final answer broke, with what it said.</summary>
/// <param name="Rule">The rule as written in the suite (<c>string_check {"check":"contains",…}</c>).</param>
/// <param name="Message">The failure.</param>
internal sealed record RuleFailure(string Rule, string Message);

/// <summary>One attempt of a case (request, retry, fallback hop, re-ask or judge call), relative to the case's start.</summary>
internal sealed record AttemptEntry(
    string Model,
    string Kind,
    string Outcome,
    double StartMs,
    double DurationMs,
    double? DelayMs,
    long? InputTokens,
    long? OutputTokens,
    string? Error,
    IReadOnlyList<string>? ValidationErrors)
{
    /// <summary>Gets the time to the first streamed text of this attempt, when it streamed.</summary>
    public double? TimeToFirstTokenMs { get; init; }

    /// <summary>Gets the judge's score, when this is a judge call whose verdict had one.</summary>
    public double? JudgeScore { get; init; }
}

/// <summary>The result of one case: the line written to <c>results.jsonl</c> and an element of <c>results.json</c>.</summary>
internal sealed record CaseResult
{
    public required int Index { get; init; }

    public required string Id { get; init; }

    public required string Key { get; init; }

    public int Repeat { get; init; }

    public string? Description { get; init; }

    public required string File { get; init; }

    public int Line { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public required string Outcome { get; init; }

    /// <summary>Gets why the case did not pass (the error, the failure summary or the skip reason).</summary>
    public string? Reason { get; init; }

    public string? Model { get; init; }

    public string? AnsweredBy { get; init; }

    public string? Prompt { get; init; }

    public string? Response { get; init; }

    public IReadOnlyList<string> Rules { get; init; } = [];

    public IReadOnlyList<RuleFailure> FailedRules { get; init; } = [];

    public double LatencyMs { get; init; }

    /// <summary>Gets the time from the start of the answering attempt to its first streamed text, when the case streamed.</summary>
    public double? TimeToFirstTokenMs { get; init; }

    /// <summary>Gets the scores of the judge verdicts of this case, in order, when a judge rule ran and scored.</summary>
    public IReadOnlyList<double>? JudgeScores { get; init; }

    /// <summary>
    /// Gets how many requests of this case waited before they were sent: for a provider that answered 429 with a wait
    /// (to any case of the run, or any instance of a fleet) or for a configured budget (<c>PromptGen:Limits</c>) — the
    /// pipeline's one mechanism, <see cref="AttemptRecord.BudgetWait"/>.
    /// </summary>
    public int RateLimitWaits { get; init; }

    /// <summary>Gets the time those requests spent waiting.</summary>
    public double? RateLimitWaitMs { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public decimal? CostUsd { get; init; }

    public int Retries { get; init; }

    public int Reasks { get; init; }

    public int Fallbacks { get; init; }

    public IReadOnlyList<AttemptEntry> Attempts { get; init; } = [];
}

/// <summary>Latency percentiles in milliseconds over the cases that ran.</summary>
internal sealed record LatencySummary(double Min, double P50, double P90, double P95, double P99, double Max);

/// <summary>
/// One case over its repeats (<c>--repeat N</c>): how many runs passed, and the spread of its judge scores (every scored
/// verdict of every run) — min, mean, max and population standard deviation.
/// </summary>
internal sealed record CaseSpread(string Id, int Runs, int Passed, int Scores, double? MinScore, double? MeanScore, double? MaxScore, double? StdDevScore);

/// <summary>The aggregate of a run.</summary>
internal sealed record RunSummary
{
    public int Total { get; init; }

    public int Passed { get; init; }

    public int Failed { get; init; }

    public int Errors { get; init; }

    public int Skipped { get; init; }

    /// <summary>Gets passed ÷ (passed + failed + errors); skipped cases do not count.</summary>
    public double PassRate { get; init; }

    public bool Interrupted { get; init; }

    public double WallMs { get; init; }

    public LatencySummary? Latency { get; init; }

    /// <summary>Gets the time-to-first-token percentiles over the cases that streamed, if any did.</summary>
    public LatencySummary? TimeToFirstToken { get; init; }

    /// <summary>Gets how many answers came from the response cache (an attempt of kind <c>Cached</c>: no request was sent).</summary>
    public int CacheHits { get; init; }

    /// <summary>Gets how many requests waited for a rate-limited provider or a budget (the shared back-off; <see cref="AttemptRecord.BudgetWait"/>).</summary>
    public int RateLimitWaits { get; init; }

    /// <summary>Gets, per case that ran more than once or had a scoring judge, its pass count and judge-score spread.</summary>
    public IReadOnlyList<CaseSpread>? Spread { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public decimal? CostUsd { get; init; }

    public int Retries { get; init; }

    public int Reasks { get; init; }

    public int Fallbacks { get; init; }
}

/// <summary>The whole of <c>results.json</c>.</summary>
internal sealed record RunResults(string Suite, DateTimeOffset StartedAt, RunSummary Summary, IReadOnlyList<CaseResult> Cases)
{
    /// <summary>Gets what the run was of (suites, selection, shard, repeat, models), checked by baselines and shard merges.</summary>
    public RunIdentity? Run { get; init; }

    /// <summary>Gets the comparison with the baseline, when the run had one.</summary>
    public BaselineReport? Comparison { get; init; }
}

/// <summary>Source-generated serialization of results (no reflection); one compact line per case in JSON Lines.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaseResult))]
[JsonSerializable(typeof(RunResults))]
[JsonSerializable(typeof(string))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
