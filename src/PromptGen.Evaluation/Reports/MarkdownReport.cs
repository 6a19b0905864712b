using System.Globalization;
using System.Text;

namespace PromptGen.Evaluation.Reports;

/// <summary>A Markdown report (for pull-request comments and job summaries): totals, per-model table, failures.</summary>
internal static class MarkdownReport
{
    public const string FileName = "report.md";

    public static string Render(RunResults run)
    {
        var s = run.Summary;
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# promptgen test: {run.Suite}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"**{s.Passed} passed, {s.Failed} failed, {s.Errors} errors, {s.Skipped} skipped** of {s.Total} — pass rate {s.PassRate:P1}{(s.Interrupted ? " — **interrupted**" : string.Empty)}\n\n");
        md.Append("| metric | value |\n|---|---|\n");
        foreach (var (name, value) in ReportText.Metrics(s))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {name} | {value} |\n");
        }

        md.Append(GateReports.Markdown(run));
        md.Append("\n## By model\n\n| model | cases | pass | fail | error | pass rate | p50 ms |\n|---|---|---|---|---|---|---|\n");
        foreach (var model in ReportText.ByModel(run.Cases))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {Cell(model.Model)} | {model.Cases} | {model.Passed} | {model.Failed} | {model.Errors} | {model.PassRate:P1} | {model.P50:0} |\n");
        }

        if (s.Spread is { Count: > 0 } spread)
        {
            md.Append("\n## Repeats and judge scores\n\n| ").Append(string.Join(" | ", ReportText.SpreadColumns)).Append(" |\n|").Append(string.Concat(ReportText.SpreadColumns.Select(_ => "---|"))).Append('\n');
            foreach (var row in spread)
            {
                md.Append("| ").Append(string.Join(" | ", ReportText.SpreadRow(row).Select(Cell))).Append(" |\n");
            }
        }

        md.Append("\n## Cases\n\n| # | case | outcome | model | latency ms | ttft ms | tokens in/out | reason |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var r in run.Cases)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {r.Index + 1} | {Cell(r.Key)} | {r.Outcome} | {Cell(ReportText.AnsweredBy(r, r.Model ?? "default"))} | {r.LatencyMs:0} | {(r.TimeToFirstTokenMs is { } ttft ? ttft.ToString("0", CultureInfo.InvariantCulture) : "–")} | {r.InputTokens}/{r.OutputTokens} | {Cell(ReportText.Clip(r.Reason ?? string.Empty, 160))} |\n");
        }

        var problems = run.Cases.Where(r => r.Outcome is Outcomes.Fail or Outcomes.Error).ToList();
        if (problems.Count > 0)
        {
            md.Append("\n## Failures and errors\n");
            foreach (var r in problems)
            {
                md.Append(CultureInfo.InvariantCulture, $"\n### {r.Outcome} {Cell(r.Key)} ({r.File}:{r.Line})\n\n");
                md.Append(CultureInfo.InvariantCulture, $"{Cell(r.Reason ?? string.Empty)}\n\n");
                foreach (var failure in r.FailedRules)
                {
                    md.Append(CultureInfo.InvariantCulture, $"- `{failure.Rule.Replace('`', '\'')}`: {Cell(failure.Message)}\n");
                }

                md.Append("\n<details><summary>prompt, response and attempts</summary>\n\n```text\n").Append(Fence(r.Prompt)).Append("\n```\n\n```text\n").Append(Fence(r.Response)).Append("\n```\n\n");
                foreach (var attempt in r.Attempts)
                {
                    md.Append(CultureInfo.InvariantCulture, $"- +{attempt.StartMs:0} ms {attempt.Kind} {attempt.Model}: {attempt.Outcome} in {attempt.DurationMs:0} ms {Cell(attempt.Error ?? string.Join("; ", attempt.ValidationErrors ?? []))}\n");
                }

                md.Append("\n</details>\n");
            }
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    private static string Fence(string? text) => (text ?? "(none)").Replace("```", "ʼʼʼ", StringComparison.Ordinal);
}
