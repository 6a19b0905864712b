using System.Globalization;
using System.Net;
using System.Text;
using PromptGen.Evaluation.Reports;

namespace PromptGen.Evaluation;

/// <summary>The baseline comparison and the model matrix as every report shows them: console lines, Markdown and HTML sections.</summary>
internal static class GateReports
{
    private static readonly string[] s_order =
        [ComparisonStatus.Regressed, ComparisonStatus.Errored, ComparisonStatus.Fixed, ComparisonStatus.Flaky, ComparisonStatus.StillFailing, ComparisonStatus.New, ComparisonStatus.Removed, ComparisonStatus.Skipped, ComparisonStatus.Passing];

    public static string Counts(BaselineReport c) =>
        string.Join(", ", s_order.Select(s => (s, n: c.Count(s))).Where(x => x.n > 0).Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.n} {x.s}")));

    /// <summary>The cases worth a line: every status but passing, and any case with a metric change.</summary>
    public static IEnumerable<CaseComparison> Notable(BaselineReport c) =>
        c.Cases.Where(x => x.Status != ComparisonStatus.Passing || x.Changes.Count > 0 || x.Flaky).OrderBy(x => Array.IndexOf(s_order, x.Status)).ThenBy(x => x.Key, StringComparer.Ordinal);

    public static string Changes(CaseComparison c) => string.Join("; ", c.Changes.Select(m => string.Create(
        CultureInfo.InvariantCulture,
        $"{m.Metric} {m.Baseline:0.####} → {m.Current:0.####} ({(m.Change >= 1e9 ? "new" : m.Change.ToString("+0%;-0%", CultureInfo.InvariantCulture))})")));

    public static void Console(TextWriter output, RunResults run)
    {
        if (ModelMatrix.Of(run) is { } matrix)
        {
            output.WriteLine();
            output.WriteLine("  " + string.Join("  ", ModelMatrix.ColumnHeadings));
            foreach (var column in matrix.Columns)
            {
                output.WriteLine("  " + string.Join("  ", ModelMatrix.ColumnRow(column)));
            }
        }

        if (run.Comparison is not { } comparison)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"  against baseline {comparison.BaselineFile}: {Counts(comparison)}");
        foreach (var c in Notable(comparison))
        {
            var flaky = c.Flaky && c.Status != ComparisonStatus.Flaky ? " [flaky]" : string.Empty;
            var changes = c.Changes.Count > 0 ? $" — {Changes(c)}" : string.Empty;
            output.WriteLine($"  {c.Status.ToUpperInvariant(),-14} {c.Key}{flaky}: {ReportText.Clip(c.Why.ReplaceLineEndings(" "), 200)}{changes}");
        }

        foreach (var note in comparison.Notes)
        {
            output.WriteLine($"  note: {note}");
        }
    }

    public static string Markdown(RunResults run)
    {
        var md = new StringBuilder();
        if (run.Comparison is { } comparison)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## Against the baseline\n\n{Counts(comparison)} (baseline `{Cell(Path.GetFileName(comparison.BaselineFile))}`, run {comparison.BaselineStartedAt:yyyy-MM-dd HH:mm} UTC)\n\n");
            md.Append("| status | case | flaky | baseline | now | why | changes |\n|---|---|---|---|---|---|---|\n");
            foreach (var c in Notable(comparison))
            {
                md.Append(CultureInfo.InvariantCulture, $"| {(c.Status == ComparisonStatus.Regressed ? "**regressed**" : c.Status)} | {Cell(c.Key)} | {(c.Flaky ? "yes" : string.Empty)} | {c.Baseline?.ToString() ?? "–"} | {c.Current?.ToString() ?? "–"} | {Cell(ReportText.Clip(c.Why, 200))} | {Cell(Changes(c))} |\n");
            }

            foreach (var note in comparison.Notes)
            {
                md.Append(CultureInfo.InvariantCulture, $"\n_{Cell(note)}_\n");
            }
        }

        if (ModelMatrix.Of(run) is { } matrix)
        {
            md.Append("\n## Models side by side\n\n| ").Append(string.Join(" | ", ModelMatrix.ColumnHeadings)).Append(" |\n|").Append(string.Concat(ModelMatrix.ColumnHeadings.Select(_ => "---|"))).Append('\n');
            foreach (var column in matrix.Columns)
            {
                md.Append("| ").Append(string.Join(" | ", ModelMatrix.ColumnRow(column).Select(Cell))).Append(" |\n");
            }

            md.Append("\n| case | ").Append(string.Join(" | ", matrix.Models.Select(Cell))).Append(" |\n|---|").Append(string.Concat(matrix.Models.Select(_ => "---|"))).Append('\n');
            foreach (var row in matrix.Rows)
            {
                md.Append("| ").Append(Cell(row.Id)).Append(" | ").Append(string.Join(" | ", row.Cells)).Append(" |\n");
            }
        }

        return md.ToString();
    }

    public static string Html(RunResults run)
    {
        var html = new StringBuilder();
        if (run.Comparison is { } comparison)
        {
            html.Append("<h2 id=\"baseline\">Against the baseline</h2><p id=\"baseline-counts\">").Append(E(Counts(comparison))).Append(" (baseline <code>").Append(E(Path.GetFileName(comparison.BaselineFile))).Append("</code>)</p>");
            html.Append("<table id=\"baseline-table\"><tr><th>status</th><th>case</th><th>flaky</th><th>baseline</th><th>now</th><th>why</th><th>changes</th></tr>");
            foreach (var c in Notable(comparison))
            {
                html.Append("<tr class=\"").Append(E(c.Status.Replace(' ', '-'))).Append("\"><td>").Append(E(c.Status)).Append("</td><td>").Append(E(c.Key)).Append("</td><td>").Append(c.Flaky ? "yes" : string.Empty)
                    .Append("</td><td>").Append(E(c.Baseline?.ToString() ?? "–")).Append("</td><td>").Append(E(c.Current?.ToString() ?? "–")).Append("</td><td>").Append(E(ReportText.Clip(c.Why, 300)))
                    .Append("</td><td>").Append(E(Changes(c))).Append("</td></tr>");
            }

            html.Append("</table>");
            foreach (var note in comparison.Notes)
            {
                html.Append("<p><i>").Append(E(note)).Append("</i></p>");
            }
        }

        if (ModelMatrix.Of(run) is { } matrix)
        {
            html.Append("<h2 id=\"matrix\">Models side by side</h2><table id=\"matrix-models\"><tr>").Append(string.Concat(ModelMatrix.ColumnHeadings.Select(h => "<th>" + E(h) + "</th>"))).Append("</tr>");
            foreach (var column in matrix.Columns)
            {
                html.Append("<tr>").Append(string.Concat(ModelMatrix.ColumnRow(column).Select(c => "<td>" + E(c) + "</td>"))).Append("</tr>");
            }

            html.Append("</table><table id=\"matrix-cases\"><tr><th>case</th>").Append(string.Concat(matrix.Models.Select(m => "<th>" + E(m) + "</th>"))).Append("</tr>");
            foreach (var row in matrix.Rows)
            {
                html.Append("<tr><td>").Append(E(row.Id)).Append("</td>").Append(string.Concat(row.Cells.Select(c => $"<td class=\"{E(c)}\">{E(c)}</td>"))).Append("</tr>");
            }

            html.Append("</table>");
        }

        return html.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
