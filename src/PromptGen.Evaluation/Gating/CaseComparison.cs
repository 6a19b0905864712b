namespace PromptGen.Evaluation;

/// <summary>How a case compares with the same case in the baseline run.</summary>
internal static class ComparisonStatus
{
    /// <summary>Passed before, fails now (with repeats: the pass rate dropped beyond what chance explains).</summary>
    public const string Regressed = "regressed";

    /// <summary>Failed before, passes now (with repeats: the rate rose beyond chance).</summary>
    public const string Fixed = "fixed";

    /// <summary>Failed in the baseline and fails now: not a regression.</summary>
    public const string StillFailing = "still failing";

    /// <summary>Passed in both.</summary>
    public const string Passing = "passing";

    /// <summary>Passed some runs and failed others, with any change within what chance explains.</summary>
    public const string Flaky = "flaky";

    /// <summary>Every run of the case errored now: nothing can be said about the prompt.</summary>
    public const string Errored = "errored";

    /// <summary>Not in the baseline.</summary>
    public const string New = "new";

    /// <summary>In the baseline, not in this run (deleted, or not selected).</summary>
    public const string Removed = "removed";

    /// <summary>Skipped now or had no verdict in both runs.</summary>
    public const string Skipped = "skipped";
}

/// <summary>A latency, token or cost change of a case beyond the tolerance.</summary>
/// <param name="Metric">latency, tokens or cost.</param>
/// <param name="Baseline">The baseline's mean per run.</param>
/// <param name="Current">This run's mean per run.</param>
/// <param name="Change">The relative change (0.25 = 25 % more).</param>
internal sealed record MetricChange(string Metric, double Baseline, double Current, double Change);

/// <summary>One case (over its repeats, per model in a matrix) against the baseline.</summary>
internal sealed record CaseComparison
{
    public required string Key { get; init; }

    public required string Status { get; init; }

    public PassRate? Baseline { get; init; }

    public PassRate? Current { get; init; }

    /// <summary>Gets a value indicating whether the case passed some runs and failed others in either run.</summary>
    public bool Flaky { get; init; }

    /// <summary>Gets the interval of the pass-rate change (Newcombe), when either side repeated.</summary>
    public double[]? ChangeInterval { get; init; }

    public IReadOnlyList<MetricChange> Changes { get; init; } = [];

    /// <summary>Gets a one-line explanation (<c>5/5 → 0/5: dropped beyond chance (change −1.00 to −0.39)</c>).</summary>
    public required string Why { get; init; }
}

/// <summary>A run against its baseline: every case and the counts the exit code gates on.</summary>
internal sealed record BaselineReport
{
    public required string BaselineFile { get; init; }

    public DateTimeOffset BaselineStartedAt { get; init; }

    public required IReadOnlyList<CaseComparison> Cases { get; init; }

    /// <summary>Gets what was not compared and why (for example latency under replay).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public int Count(string status) => Cases.Count(c => c.Status == status);

    public IEnumerable<CaseComparison> With(string status) => Cases.Where(c => c.Status == status);
}
