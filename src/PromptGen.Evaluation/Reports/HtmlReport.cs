using System.Globalization;
using System.Net;
using System.Text;

namespace PromptGen.Evaluation.Reports;

/// <summary>
/// A self-contained HTML report (no scripts, no external files): totals, an SVG latency histogram, an SVG pass rate per
/// model, the case table, and for every FAIL and ERROR the prompt, the response, each failed rule and the attempt timeline.
/// Everything from a suite or a model is HTML-encoded.
/// </summary>
internal static class HtmlReport
{
    public const string FileName = "report.html";

    private const string Style = """
        body{font:14px system-ui,sans-serif;margin:24px;color:#222}h1{font-size:22px}table{border-collapse:collapse;margin:8px 0}
        td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}
        .PASS{color:#1a7f37;font-weight:bold}.FAIL{color:#cf222e;font-weight:bold}.ERROR{color:#9a6700;font-weight:bold}.SKIPPED{color:#666}
        #matrix-cases td.PASS{background:#dafbe1}#matrix-cases td.FAIL{background:#ffcecb}#matrix-cases td.ERROR{background:#fff1a8}#baseline-table tr.regressed{background:#ffcecb}#baseline-table tr.fixed{background:#dafbe1}
        pre{white-space:pre-wrap;background:#f6f8fa;padding:8px;border-radius:4px;max-height:300px;overflow:auto}
        .case{border:1px solid #ddd;border-radius:6px;padding:8px 16px;margin:12px 0}.charts{display:flex;gap:32px;flex-wrap:wrap}
        """;

    public static string Render(RunResults run)
    {
        var s = run.Summary;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>promptgen test: ").Append(E(run.Suite)).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>promptgen test: ").Append(E(run.Suite)).Append("</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p id=\"totals\"><span class=\"PASS\">{s.Passed} passed</span>, <span class=\"FAIL\">{s.Failed} failed</span>, <span class=\"ERROR\">{s.Errors} errors</span>, <span class=\"SKIPPED\">{s.Skipped} skipped</span> of {s.Total} — pass rate {s.PassRate:P1}{(s.Interrupted ? " — <b>interrupted</b>" : string.Empty)}</p>");
        html.Append("<table>");
        foreach (var (name, value) in ReportText.Metrics(s))
        {
            html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
        }

        html.Append("</table>").Append(GateReports.Html(run));
        html.Append("<div class=\"charts\"><div><h2>Latency distribution</h2>").Append(HtmlCharts.Histogram(run.Cases)).Append("</div>");
        html.Append("<div><h2>Pass rate per model</h2>").Append(HtmlCharts.PassRates(ReportText.ByModel(run.Cases))).Append("</div></div>");
        if (s.Spread is { Count: > 0 } spread)
        {
            html.Append("<h2 id=\"spread\">Repeats and judge scores</h2><table id=\"spread-table\"><tr>").Append(string.Concat(ReportText.SpreadColumns.Select(c => "<th>" + E(c) + "</th>"))).Append("</tr>");
            foreach (var row in spread)
            {
                html.Append("<tr>").Append(string.Concat(ReportText.SpreadRow(row).Select(c => "<td>" + E(c) + "</td>"))).Append("</tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h2>Cases</h2><table><tr><th>#</th><th>case</th><th>outcome</th><th>model</th><th>latency ms</th><th>ttft ms</th><th>tokens in/out</th><th>retries/re-asks/fallbacks</th><th>reason</th></tr>");
        foreach (var r in run.Cases)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{r.Index + 1}</td><td>{E(r.Key)}</td><td class=\"{r.Outcome}\">{r.Outcome}</td><td>{E(ReportText.AnsweredBy(r, r.Model ?? "default"))}</td><td>{r.LatencyMs:0}</td><td>{(r.TimeToFirstTokenMs is { } ttft ? ttft.ToString("0", CultureInfo.InvariantCulture) : "–")}</td><td>{r.InputTokens}/{r.OutputTokens}</td><td>{r.Retries}/{r.Reasks}/{r.Fallbacks}</td><td>{E(ReportText.Clip(r.Reason ?? string.Empty, 200))}</td></tr>");
        }

        html.Append("</table>");
        var problems = run.Cases.Where(r => r.Outcome is Outcomes.Fail or Outcomes.Error).ToList();
        html.Append("<h2 id=\"failures\">Failures and errors (").Append(problems.Count).Append(")</h2>");
        foreach (var r in problems)
        {
            Failure(html, r);
        }

        return html.Append("</body></html>").ToString();
    }

    private static void Failure(StringBuilder html, CaseResult r)
    {
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"case\"><h3><span class=\"{r.Outcome}\">{r.Outcome}</span> {E(r.Key)} <small>{E(r.File)}:{r.Line}</small></h3>");
        html.Append("<p>").Append(E(r.Reason ?? string.Empty)).Append("</p>");
        if (r.FailedRules.Count > 0)
        {
            html.Append("<table><tr><th>failed rule</th><th>message</th></tr>");
            foreach (var failure in r.FailedRules)
            {
                html.Append("<tr><td><code>").Append(E(failure.Rule)).Append("</code></td><td>").Append(E(failure.Message)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h4>Prompt</h4><pre>").Append(E(r.Prompt ?? string.Empty)).Append("</pre>");
        html.Append("<h4>Response</h4><pre>").Append(E(r.Response ?? "(no response)")).Append("</pre>");
        if (r.Attempts.Count > 0)
        {
            html.Append("<h4>Attempts</h4><table><tr><th>at</th><th>kind</th><th>model</th><th>outcome</th><th>duration</th><th>detail</th></tr>");
            foreach (var a in r.Attempts)
            {
                var detail = a.Error ?? string.Join("; ", a.ValidationErrors ?? []);
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>+{a.StartMs:0} ms</td><td>{E(a.Kind)}</td><td>{E(a.Model)}</td><td>{E(a.Outcome)}</td><td>{a.DurationMs:0} ms</td><td>{E(detail)}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("</div>");
    }

    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
