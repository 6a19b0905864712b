using System.Globalization;

namespace PromptGen.Evaluation.Reports;

/// <summary>The plain-text progress lines and summary table printed on the terminal (or into a CI log).</summary>
internal static class ConsoleSummary
{
    public static string Progress(CaseResult r, int done, int total) => string.Create(
        CultureInfo.InvariantCulture,
        $"[{done}/{total}] {r.Outcome,-7} {r.Key} ({r.LatencyMs:0} ms{(r.AnsweredBy is null ? string.Empty : ", " + ReportText.AnsweredBy(r, string.Empty))}){(r.Outcome == Outcomes.Pass || r.Reason is null ? string.Empty : ": " + ReportText.Clip(r.Reason.ReplaceLineEndings(" "), 200))}");

    public static void Write(TextWriter output, RunResults run, IEnumerable<string> written)
    {
        var s = run.Summary;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.Suite}: {s.Passed} passed, {s.Failed} failed, {s.Errors} errors, {s.Skipped} skipped of {s.Total} (pass rate {s.PassRate:P1}){(s.Interrupted ? ", INTERRUPTED" : string.Empty)}"));
        foreach (var (name, value) in ReportText.Metrics(s))
        {
            output.WriteLine($"  {name,-48} {value}");
        }

        var models = ReportText.ByModel(run.Cases);
        if (models.Count > 0)
        {
            var width = Math.Max(5, models.Max(m => m.Model.Length));
            output.WriteLine();
            output.WriteLine($"  {"model".PadRight(width)}  cases  pass  fail  error  pass rate  p50 ms");
            foreach (var m in models)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {m.Model.PadRight(width)}  {m.Cases,5}  {m.Passed,4}  {m.Failed,4}  {m.Errors,5}  {m.PassRate,9:P1}  {m.P50,6:0}"));
            }
        }

        GateReports.Console(output, run);
        if (s.Spread is { Count: > 0 } spread)
        {
            output.WriteLine();
            output.WriteLine("  " + string.Join("  ", ReportText.SpreadColumns));
            foreach (var row in spread)
            {
                output.WriteLine("  " + string.Join("  ", ReportText.SpreadRow(row)));
            }
        }

        var problems = run.Cases.Where(c => c.Outcome is Outcomes.Fail or Outcomes.Error).ToList();
        if (problems.Count > 0)
        {
            output.WriteLine();
            foreach (var c in problems)
            {
                output.WriteLine($"  {c.Outcome,-5} {c.Key} ({c.File}:{c.Line}): {ReportText.Clip((c.Reason ?? string.Empty).ReplaceLineEndings(" "), 200)}");
            }
        }

        output.WriteLine();
        foreach (var file in written)
        {
            output.WriteLine($"  wrote {file}");
        }
    }
}
