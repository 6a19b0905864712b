using System.Globalization;

namespace PromptGen.Cli.TestRunner.Reports;

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

        yield return ("wall time", string.Create(CultureInfo.InvariantCulture, $"{s.WallMs / 1000:0.00} s"));
        yield return ("tokens in / out", string.Create(CultureInfo.InvariantCulture, $"{s.InputTokens} / {s.OutputTokens}"));
        yield return ("cost", s.CostUsd is { } cost ? string.Create(CultureInfo.InvariantCulture, $"${cost:0.######}") : "unknown (a model has no price; see docs/test-runner.md)");
        yield return ("retries / re-asks / fallbacks", string.Create(CultureInfo.InvariantCulture, $"{s.Retries} / {s.Reasks} / {s.Fallbacks}"));
    }

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

    public static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
