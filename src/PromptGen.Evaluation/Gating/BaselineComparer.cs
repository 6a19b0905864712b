using System.Globalization;

namespace PromptGen.Evaluation;

/// <summary>How much a case's mean latency, tokens or cost may change before the comparison reports it (relative, 0.5 = 50 %).</summary>
internal sealed record Tolerances(double Latency = 0.5, double Tokens = 0.2, double Cost = 0.2)
{
    /// <summary>Parses <c>latency=50%,tokens=20%,cost=0.2</c>; unnamed metrics keep their defaults.</summary>
    public static Tolerances Parse(string? text)
    {
        var result = new Tolerances();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = part.IndexOf('=', StringComparison.Ordinal);
            var name = at > 0 ? part[..at].Trim() : part;
            var value = at > 0 ? part[(at + 1)..].Trim() : string.Empty;
            var percent = value.EndsWith('%');
            if (!double.TryParse(percent ? value[..^1] : value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0)
            {
                throw new EvaluationException($"--tolerance: '{part}' is not metric=value; use for example --tolerance latency=50%,tokens=20%,cost=20%.");
            }

            number = percent ? number / 100 : number;
            result = name.ToLowerInvariant() switch
            {
                "latency" => result with { Latency = number },
                "tokens" => result with { Tokens = number },
                "cost" => result with { Cost = number },
                _ => throw new EvaluationException($"--tolerance: unknown metric '{name}'; choose latency, tokens or cost."),
            };
        }

        return result;
    }
}

/// <summary>
/// Compares a run with a baseline run, case by case (over repeats; per model in a matrix). Without repeats a case
/// regresses when it passed before and fails now. With repeats on either side the pass rates carry Wilson intervals
/// and a case regresses (or is fixed) only when the interval of the change (Newcombe) lies wholly below (above) zero;
/// a case whose rate wobbles within chance is reported as flaky, not regressed.
/// </summary>
internal static class BaselineComparer
{
    /// <summary>Latency changes smaller than this are noise whatever their ratio (a 4 ms answer taking 8 ms).</summary>
    public const double LatencyFloorMs = 100;

    public static BaselineReport Compare(string baselineFile, RunResults baseline, RunResults current, Tolerances tolerances, Func<CaseResult, string> key, bool compareLatency = true)
    {
        var before = baseline.Cases.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var now = current.Cases.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var cases = new List<CaseComparison>();
        foreach (var (name, runs) in now)
        {
            cases.Add(before.TryGetValue(name, out var old) ? Case(name, old, runs, tolerances, compareLatency) : New(name, runs));
        }

        foreach (var (name, runs) in before.Where(b => !now.ContainsKey(b.Key)))
        {
            var rate = Rate(runs);
            cases.Add(new CaseComparison { Key = name, Status = ComparisonStatus.Removed, Baseline = rate, Flaky = rate.Flaky, Why = $"in the baseline ({rate}), not in this run" });
        }

        return new BaselineReport
        {
            BaselineFile = baselineFile,
            BaselineStartedAt = baseline.StartedAt,
            Cases = cases,
            Notes = compareLatency ? [] : ["latency not compared: one of the runs was replayed from a recording, so its latencies are not the model's"],
        };
    }

    private static CaseComparison New(string name, List<CaseResult> runs)
    {
        var rate = Rate(runs);
        return new CaseComparison { Key = name, Status = ComparisonStatus.New, Current = rate, Flaky = rate.Flaky, Why = $"not in the baseline; now {rate}" };
    }

    private static CaseComparison Case(string name, List<CaseResult> old, List<CaseResult> runs, Tolerances tolerances, bool compareLatency)
    {
        var b = Rate(old);
        var c = Rate(runs);
        var flaky = b.Flaky || c.Flaky;
        var changes = Changes(old, runs, tolerances, compareLatency);
        var comparison = new CaseComparison { Key = name, Status = ComparisonStatus.Passing, Baseline = b, Current = c, Flaky = flaky, Changes = changes, Why = string.Empty };
        if (runs.All(r => r.Outcome == Outcomes.Skipped))
        {
            return comparison with { Status = ComparisonStatus.Skipped, Why = "skipped in this run" };
        }

        if (c.Runs == 0)
        {
            return comparison with { Status = ComparisonStatus.Errored, Why = $"every run errored: {runs.First(r => r.Outcome == Outcomes.Error).Reason}" };
        }

        if (b.Runs == 0)
        {
            return comparison with { Status = c.Passed == c.Runs ? ComparisonStatus.Passing : c.Passed == 0 ? ComparisonStatus.StillFailing : ComparisonStatus.Flaky, Why = $"no verdict in the baseline (errored or skipped); now {c}" };
        }

        var transition = $"{b.Passed}/{b.Runs} → {c.Passed}/{c.Runs}";
        if (b.Runs == 1 && c.Runs == 1)
        {
            // One run each: no chance model applies; a pass that became a fail is a regression.
            var status = (b.Passed, c.Passed) switch
            {
                (1, 0) => ComparisonStatus.Regressed,
                (0, 1) => ComparisonStatus.Fixed,
                (0, 0) => ComparisonStatus.StillFailing,
                _ => ComparisonStatus.Passing,
            };
            var why = status switch
            {
                ComparisonStatus.Regressed => $"passed in the baseline, fails now: {runs[0].Reason}",
                ComparisonStatus.Fixed => "failed in the baseline, passes now",
                ComparisonStatus.StillFailing => $"failed in the baseline and fails now: {runs[0].Reason}",
                _ => "passed in both",
            };
            return comparison with { Status = status, Why = why };
        }

        var (low, high) = PassRate.Difference(b, c);
        var interval = string.Create(CultureInfo.InvariantCulture, $"change {low:+0.00;-0.00} to {high:+0.00;-0.00}");
        comparison = comparison with { ChangeInterval = [Math.Round(low, 4), Math.Round(high, 4)] };
        if (high < 0)
        {
            return comparison with { Status = ComparisonStatus.Regressed, Why = $"{transition}: the pass rate dropped beyond what chance explains ({interval})" };
        }

        if (low > 0)
        {
            return comparison with { Status = ComparisonStatus.Fixed, Why = $"{transition}: the pass rate rose beyond chance ({interval})" };
        }

        return c.Passed == c.Runs && b.Passed == b.Runs ? comparison with { Status = ComparisonStatus.Passing, Why = $"{transition}: passed every run in both" }
            : c.Passed == 0 && b.Passed == 0 ? comparison with { Status = ComparisonStatus.StillFailing, Why = $"{transition}: failed every run in both" }
            : comparison with { Status = ComparisonStatus.Flaky, Why = $"{transition}: within what chance explains ({interval})" };
    }

    private static PassRate Rate(List<CaseResult> runs) =>
        PassRate.Of(runs.Count(r => r.Outcome == Outcomes.Pass), runs.Count(r => r.Outcome is Outcomes.Pass or Outcomes.Fail));

    private static List<MetricChange> Changes(List<CaseResult> old, List<CaseResult> runs, Tolerances tolerances, bool compareLatency)
    {
        var changes = new List<MetricChange>();
        var before = old.Where(Ran).ToList();
        var now = runs.Where(Ran).ToList();
        if (before.Count == 0 || now.Count == 0)
        {
            return changes;
        }

        if (compareLatency)
        {
            var (was, isNow) = (before.Average(r => r.LatencyMs), now.Average(r => r.LatencyMs));
            if (Math.Abs(isNow - was) >= LatencyFloorMs)
            {
                Add("latency", was, isNow, tolerances.Latency);
            }
        }

        Add("tokens", before.Average(r => (double)(r.InputTokens + r.OutputTokens)), now.Average(r => (double)(r.InputTokens + r.OutputTokens)), tolerances.Tokens);
        if (before.All(r => r.CostUsd is not null) && now.All(r => r.CostUsd is not null))
        {
            Add("cost", before.Average(r => (double)r.CostUsd!.Value), now.Average(r => (double)r.CostUsd!.Value), tolerances.Cost);
        }

        return changes;

        void Add(string metric, double baseline, double current, double tolerance)
        {
            var change = baseline == 0 ? (current == 0 ? 0 : double.PositiveInfinity) : (current - baseline) / baseline;
            if (Math.Abs(change) > tolerance)
            {
                changes.Add(new MetricChange(metric, Math.Round(baseline, 4), Math.Round(current, 4), double.IsInfinity(change) ? 1e9 : Math.Round(change, 4)));
            }
        }

        static bool Ran(CaseResult r) => r.Outcome is Outcomes.Pass or Outcomes.Fail;
    }
}
