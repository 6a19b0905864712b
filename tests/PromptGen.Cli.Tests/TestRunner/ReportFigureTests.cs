using PromptGen.Evaluation;
using PromptGen.Evaluation.Reports;

namespace PromptGen.Cli.Tests.TestRunner;

/// <summary>
/// What the reports show: latency statistics over answered cases only (an ERROR or SKIPPED case's 0 ms would drag every
/// percentile down), reasons shortened at a word boundary, and the HTML report's colour legend.
/// </summary>
public sealed class ReportFigureTests
{
    [Fact]
    public void Latency_statistics_leave_out_errored_and_skipped_cases()
    {
        CaseResult[] cases =
        [
            Case(0, Outcomes.Pass, 120, ttft: 40),
            Case(1, Outcomes.Fail, 300, ttft: 90),
            Case(2, Outcomes.Error, 0, ttft: 0),
            Case(3, Outcomes.Error, 0),
            Case(4, Outcomes.Skipped, 0),
        ];

        var summary = RunStatistics.Summarise(cases, wallMs: 500, interrupted: false);

        Assert.Equal(new LatencySummary(120, 120, 300, 300, 300, 300), summary.Latency);
        Assert.Equal(40, summary.TimeToFirstToken!.Min);
        Assert.Equal(2, summary.Errors);
        Assert.Equal(120, Assert.Single(ReportText.ByModel(cases)).P50);
        var html = HtmlCharts.Histogram(cases);
        Assert.Contains("<title>120–138 ms: 1</title>", html, StringComparison.Ordinal);
        Assert.Contains(">120 ms</text>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">0 ms</text>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_whose_cases_all_errored_has_no_latency_figures()
    {
        var summary = RunStatistics.Summarise([Case(0, Outcomes.Error, 0), Case(1, Outcomes.Skipped, 0)], wallMs: 10, interrupted: false);

        Assert.Null(summary.Latency);
        Assert.DoesNotContain(ReportText.Metrics(summary), m => m.Name.StartsWith("latency", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("short reason", 20, "short reason")]
    [InlineData("the answer must contain Kyoto but said Tokyo", 20, "the answer must…")]
    [InlineData("the answer must contain", 16, "the answer must…")]
    [InlineData("https://example.com/a-very-long-url-without-spaces", 20, "https://example.com/…")]
    public void Long_reasons_are_cut_at_a_word_boundary(string text, int max, string expected) =>
        Assert.Equal(expected, ReportText.Clip(text, max));

    [Fact]
    public void The_console_line_never_cuts_a_word_of_the_reason()
    {
        var words = Enumerable.Range(0, 60).Select(i => "word" + i).ToArray();
        var reason = string.Join(' ', words);
        var line = ConsoleSummary.Progress(Case(0, Outcomes.Fail, 10) with { Reason = reason }, 1, 1);

        Assert.EndsWith("…", line, StringComparison.Ordinal);
        var shown = line[(line.IndexOf("): ", StringComparison.Ordinal) + 3)..^1].Split(' ');
        Assert.True(shown.Length is > 20 and < 60, line);
        Assert.Equal(words.Take(shown.Length), shown);
    }

    [Fact]
    public void The_html_report_has_a_legend_for_every_colour_of_its_charts()
    {
        CaseResult[] cases = [Case(0, Outcomes.Pass, 100), Case(1, Outcomes.Fail, 200), Case(2, Outcomes.Error, 0)];
        var run = new RunResults("suite.json", DateTimeOffset.UnixEpoch, RunStatistics.Summarise(cases, 300, interrupted: false), cases);

        var html = HtmlReport.Render(run);

        var legend = html[html.IndexOf("<div id=\"legend\"", StringComparison.Ordinal)..];
        legend = legend[..legend.IndexOf("</div>", StringComparison.Ordinal)];
        foreach (var (colour, label) in new[] { ("#1a7f37", "PASS"), ("#cf222e", "FAIL"), ("#d4a72c", "ERROR"), ("#4c8bf5", "latency") })
        {
            Assert.Contains($"<i style=\"background:{colour}\"></i><b>{label}</b>", legend, StringComparison.Ordinal);
            Assert.Contains(colour, html[(html.IndexOf("<svg", StringComparison.Ordinal))..], StringComparison.Ordinal);
        }

        Assert.True(html.IndexOf("id=\"legend\"", StringComparison.Ordinal) < html.IndexOf("id=\"latency-chart\"", StringComparison.Ordinal), "the legend comes before the charts");
    }

    private static CaseResult Case(int index, string outcome, double latencyMs, double? ttft = null) => new()
    {
        Index = index,
        Id = "c" + index,
        Key = "c" + index,
        File = "suite.json",
        Outcome = outcome,
        Model = "openai/gpt-4o-mini",
        LatencyMs = latencyMs,
        TimeToFirstTokenMs = ttft,
        Reason = outcome == Outcomes.Pass ? null : "because",
    };
}
