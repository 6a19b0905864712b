using System.Globalization;

namespace PromptGen.Evaluation.Reports;

/// <summary>One model's line in the per-model tables and chart.</summary>
internal sealed record ModelStats(string Model, int Cases, int Passed, int Failed, int Errors, double PassRate, double P50);

/// <summary>What every report shows the same way: the metric rows and the per-model breakdown.</summary>
internal static class ReportText
{
    public static IEnumerable<(string Name, string Value)> Metrics(RunSummary s)
    {
        if (s.Latency is { } l)
        {
            yield return ("latency ms (min / p50 / p90 / p95 / p99 / max)", string.Create(CultureInfo.InvariantCulture, $"{l.Min:0} / {l.P50:0} / {l.P90:0} / {l.P95:0} / {l.P99:0} / {l.Max:0}"));
        }

        if (s.TimeToFirstToken is { } t)
        {
            yield return ("time to first token ms (p50 / p90 / p95 / p99)", string.Create(CultureInfo.InvariantCulture, $"{t.P50:0} / {t.P90:0} / {t.P95:0} / {t.P99:0}"));
        }

        yield return ("wall time", string.Create(CultureInfo.InvariantCulture, $"{s.WallMs / 1000:0.00} s"));
        yield return ("tokens in / out", string.Create(CultureInfo.InvariantCulture, $"{s.InputTokens} / {s.OutputTokens}"));
        yield return ("cost", s.CostUsd is { } cost ? string.Create(CultureInfo.InvariantCulture, $"${cost:0.######}") : "unknown (a model has no price; see docs/test-runner.md)");
        yield return ("retries / re-asks / fallbacks", string.Create(CultureInfo.InvariantCulture, $"{s.Retries} / {s.Reasks} / {s.Fallbacks}"));
        yield return ("rate-limit waits (shared back-off)", s.RateLimitWaits.ToString(CultureInfo.InvariantCulture));
        yield return ("cache hits (no request sent)", s.CacheHits.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The model that answered a case, marked <c>(cached)</c> when the answer came from the response cache.</summary>
    public static string AnsweredBy(CaseResult r, string fallback) =>
        r.Attempts.Any(a => a.Kind == nameof(AttemptKind.Cached)) ? (r.AnsweredBy ?? fallback) + " (cached)" : r.AnsweredBy ?? fallback;

    public static List<ModelStats> ByModel(IReadOnlyList<CaseResult> cases) =>
        [.. cases.Where(c => c.Outcome != Outcomes.Skipped)
            .GroupBy(c => c.Model ?? "(default)", StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var passed = g.Count(c => c.Outcome == Outcomes.Pass);
                return new ModelStats(
                    g.Key,
                    g.Count(),
                    passed,
                    g.Count(c => c.Outcome == Outcomes.Fail),
                    g.Count(c => c.Outcome == Outcomes.Error),
                    (double)passed / g.Count(),
                    RunStatistics.Latency(g.Select(c => c.LatencyMs))?.P50 ?? 0);
            })];

    /// <summary>The columns of the repeat / judge-score spread table, shared by the reports.</summary>
    public static readonly string[] SpreadColumns = ["case", "passed", "judge scores", "min", "mean", "max", "stddev"];

    /// <summary>One row of the spread table.</summary>
    public static string[] SpreadRow(CaseSpread s) =>
    [
        s.Id,
        string.Create(CultureInfo.InvariantCulture, $"{s.Passed}/{s.Runs}"),
        s.Scores.ToString(CultureInfo.InvariantCulture),
        Score(s.MinScore),
        Score(s.MeanScore),
        Score(s.MaxScore),
        Score(s.StdDevScore),
    ];

    private static string Score(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    public static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
