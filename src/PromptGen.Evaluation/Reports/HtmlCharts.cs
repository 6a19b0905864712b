using System.Globalization;
using System.Text;

namespace PromptGen.Evaluation.Reports;

/// <summary>Inline SVG charts for the HTML report.</summary>
internal static class HtmlCharts
{
    private const int Width = 420;
    private const int Height = 180;

    /// <summary>The colour of passed cases in the charts and the legend.</summary>
    public const string PassColour = "#1a7f37";

    /// <summary>The colour of failed cases.</summary>
    public const string FailColour = "#cf222e";

    /// <summary>The colour of errored cases.</summary>
    public const string ErrorColour = "#d4a72c";

    /// <summary>The colour of the latency histogram's bars.</summary>
    public const string LatencyColour = "#4c8bf5";

    /// <summary>A histogram of the latencies of PASS and FAIL cases in ten equal buckets from the fastest to the slowest.</summary>
    public static string Histogram(IReadOnlyList<CaseResult> cases)
    {
        var latencies = cases.Where(RunStatistics.Timed).Select(c => c.LatencyMs).ToArray();
        var svg = Open("latency-chart", "Latency distribution");
        if (latencies.Length == 0)
        {
            return svg.Append("<text x=\"10\" y=\"20\">no case was answered</text></svg>").ToString();
        }

        const int Buckets = 10;
        var min = latencies.Min();
        var span = Math.Max(latencies.Max() - min, 1);
        var counts = new int[Buckets];
        foreach (var latency in latencies)
        {
            counts[Math.Min(Buckets - 1, (int)((latency - min) / span * Buckets))]++;
        }

        var top = counts.Max();
        var barWidth = (Width - 40) / Buckets;
        for (var i = 0; i < Buckets; i++)
        {
            var h = (Height - 40) * counts[i] / top;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{30 + (i * barWidth)}\" y=\"{Height - 20 - h}\" width=\"{barWidth - 2}\" height=\"{h}\" fill=\"{LatencyColour}\"><title>{min + (span * i / Buckets):0}–{min + (span * (i + 1) / Buckets):0} ms: {counts[i]}</title></rect>");
            if (counts[i] > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{30 + (i * barWidth) + 4}\" y=\"{Height - 24 - h}\" font-size=\"10\">{counts[i]}</text>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"30\" y=\"{Height - 4}\" font-size=\"11\">{min:0} ms</text><text x=\"{Width - 80}\" y=\"{Height - 4}\" font-size=\"11\">{min + span:0} ms</text>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>One horizontal bar per model: green share passed, amber errors, red failures.</summary>
    public static string PassRates(IReadOnlyList<ModelStats> models)
    {
        var svg = Open("model-chart", "Pass rate per model", Math.Max(Height, 30 + (models.Count * 26)));
        var y = 10;
        foreach (var m in models)
        {
            var scale = (Width - 220) / (double)m.Cases;
            var x = 170.0;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 14}\" font-size=\"11\">{HtmlReport.E(ReportText.Clip(m.Model, 28))}</text>");
            foreach (var (count, color) in new[] { (m.Passed, PassColour), (m.Errors, ErrorColour), (m.Failed, FailColour) })
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y}\" width=\"{count * scale:0.#}\" height=\"18\" fill=\"{color}\"/>");
                x += count * scale;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 6}\" y=\"{y + 14}\" font-size=\"11\" text-anchor=\"end\">{m.PassRate:P0}</text>");
            y += 26;
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string id, string title, int height = Height) => new StringBuilder()
        .Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{title}\">");
}
