using System.Globalization;

namespace PromptGen.Evaluation;

/// <summary>One model's column of a matrix run: verdicts, latency percentiles, tokens and cost.</summary>
internal sealed record MatrixModel(string Model, int Cases, int Passed, int Failed, int Errors, double PassRate, LatencySummary? Latency, long InputTokens, long OutputTokens, decimal? CostUsd);

/// <summary>One case of a matrix run: its verdict per model (<c>PASS</c>, <c>FAIL</c>, <c>ERROR</c>, or <c>3/5</c> passed with repeats).</summary>
internal sealed record MatrixRow(string Id, IReadOnlyList<string> Cells);

/// <summary>
/// A matrix run (<c>--models a,b,c</c>) side by side: a column per model with its totals, and a row per case with a
/// cell per model. The exit code gates on the primary model (the first named) or, with <c>--gate-models all</c>, on all.
/// </summary>
internal sealed record ModelMatrix(IReadOnlyList<string> Models, IReadOnlyList<MatrixModel> Columns, IReadOnlyList<MatrixRow> Rows)
{
    public static ModelMatrix? Of(RunResults run)
    {
        if (run.Run?.Models is not { Count: > 1 } models)
        {
            return null;
        }

        var columns = new List<MatrixModel>();
        foreach (var model in models)
        {
            var cases = run.Cases.Where(c => string.Equals(c.Model, model, StringComparison.OrdinalIgnoreCase) && c.Outcome != Outcomes.Skipped).ToList();
            var passed = cases.Count(c => c.Outcome == Outcomes.Pass);
            var costs = cases.Where(c => c.InputTokens + c.OutputTokens > 0).Select(c => c.CostUsd).ToList();
            columns.Add(new MatrixModel(
                model,
                cases.Count,
                passed,
                cases.Count(c => c.Outcome == Outcomes.Fail),
                cases.Count(c => c.Outcome == Outcomes.Error),
                cases.Count == 0 ? 0 : Math.Round((double)passed / cases.Count, 4),
                RunStatistics.Latency(cases.Where(RunStatistics.Timed).Select(c => c.LatencyMs)),
                cases.Sum(c => c.InputTokens),
                cases.Sum(c => c.OutputTokens),
                costs.Count > 0 && costs.All(c => c is not null) ? costs.Sum() : null));
        }

        var rows = new List<MatrixRow>();
        foreach (var id in run.Cases.Select(c => c.Id).Distinct(StringComparer.Ordinal))
        {
            var cells = new List<string>();
            foreach (var model in models)
            {
                var runs = run.Cases.Where(c => c.Id == id && string.Equals(c.Model, model, StringComparison.OrdinalIgnoreCase)).ToList();
                cells.Add(runs.Count switch
                {
                    0 => "–",
                    1 => runs[0].Outcome,
                    _ => string.Create(CultureInfo.InvariantCulture, $"{runs.Count(r => r.Outcome == Outcomes.Pass)}/{runs.Count} passed"),
                });
            }

            rows.Add(new MatrixRow(id, cells));
        }

        return new ModelMatrix(models, columns, rows);
    }

    /// <summary>The column headings of the per-model table, shared by the reports.</summary>
    public static readonly string[] ColumnHeadings = ["model", "cases", "pass", "fail", "error", "pass rate", "p50 ms", "p90 ms", "p99 ms", "tokens in/out", "cost"];

    public static string[] ColumnRow(MatrixModel m) =>
    [
        m.Model,
        m.Cases.ToString(CultureInfo.InvariantCulture),
        m.Passed.ToString(CultureInfo.InvariantCulture),
        m.Failed.ToString(CultureInfo.InvariantCulture),
        m.Errors.ToString(CultureInfo.InvariantCulture),
        m.PassRate.ToString("P1", CultureInfo.InvariantCulture),
        Ms(m.Latency?.P50),
        Ms(m.Latency?.P90),
        Ms(m.Latency?.P99),
        string.Create(CultureInfo.InvariantCulture, $"{m.InputTokens}/{m.OutputTokens}"),
        m.CostUsd is { } cost ? string.Create(CultureInfo.InvariantCulture, $"${cost:0.######}") : "unknown",
    ];

    private static string Ms(double? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "–";
}
