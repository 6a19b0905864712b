using System.Text.Json;
using System.Text.Json.Nodes;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests.Chromium;

/// <summary>
/// The HTML report of a real run (PASS, FAIL and ERROR cases against the simulator) opened in Debian's headless Chromium
/// with the network off: the charts must render with the right bars and labels, the failure report must list the failed
/// and errored cases, the colour legend must name every colour of the charts, and the screenshot must show the pass and
/// fail colours where the DOM says the chart (and the legend) is.
/// </summary>
public sealed class HtmlReportInChromiumTests : IAsyncLifetime, IDisposable
{
    private const int Width = 1100;
    private const int Height = 1400;

    private static readonly (byte R, byte G, byte B) s_pass = (0x1a, 0x7f, 0x37);
    private static readonly (byte R, byte G, byte B) s_fail = (0xcf, 0x22, 0x2e);
    private static readonly (byte R, byte G, byte B) s_error = (0xd4, 0xa7, 0x2c);

    private readonly CliRunner _cli = new();
    private LlmSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_html_report_renders_its_charts_and_failures_in_headless_chromium_without_network()
    {
        _simulator.Script.When(userContains: "capital of France").Reply("The capital of France is Paris.");
        _simulator.Script.When(userContains: "capital of Japan").Reply("Tokyo.");
        _simulator.Script.When(userContains: "provider down").Fault(SimulatorFault.BadRequest);
        var suite = _cli.WriteFile("suite.json", """
            { "cases": [
              { "id": "passes", "model": "openai/gpt-4o-mini", "prompt": "What is the capital of France?", "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "Paris" } } ] },
              { "id": "fails", "model": "openai/gpt-4o-mini", "prompt": "What is the capital of Japan?", "reasks": 0, "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "Kyoto" } } ] },
              { "id": "errors", "model": "anthropic/claude-haiku-4-5", "prompt": "provider down", "rules": [ { "type": "response_not_empty" } ] }
            ] }
            """);
        var run = await _cli.RunAsync(["test", suite, "--config", _cli.WriteConfig(_simulator), "--out", "out"]);
        Assert.True(run.ExitCode == 2, run.ToString());
        var report = Path.Combine(_cli.Directory, "out", "report.html");
        var latencies = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_cli.Directory, "out", "results.json"))).RootElement
            .GetProperty("cases").EnumerateArray().Where(c => c.GetProperty("outcome").GetString() is "PASS" or "FAIL")
            .Select(c => c.GetProperty("latencyMs").GetDouble()).ToArray();
        Assert.Equal(2, latencies.Length); // the histogram shows answered cases only: the ERROR case is left out

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.SendAsync("Network.enable");
        await browser.SendAsync("Network.emulateNetworkConditions", new JsonObject { ["offline"] = true, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1 });
        await browser.SendAsync("Page.enable");
        await browser.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = Width, ["height"] = Height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        var loaded = browser.NextEventAsync("Page.loadEventFired");
        var navigated = await browser.SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(report).AbsoluteUri });
        Assert.Null(navigated["errorText"]);
        await loaded;

        var page = (await browser.EvaluateAsync(Checks))!.AsObject();

        // Charts: SVGs laid out with a size, ten histogram buckets whose drawn bars match the non-empty buckets of the
        // results, one bar segment per outcome per model, and a label and pass rate per model.
        var latency = Rect(page["latency"]);
        var model = Rect(page["model"]);
        Assert.True(latency.W > 100 && latency.H > 100, $"latency chart is {latency.W}×{latency.H}");
        Assert.True(model.W > 100 && model.H > 50, $"model chart is {model.W}×{model.H}");
        Assert.Equal(10, (int)page["latencyBuckets"]!);
        Assert.Equal(NonEmptyBuckets(latencies), (int)page["latencyBars"]!);
        Assert.Equal(latencies.Length, page["latencyCounts"]!.AsArray().Sum(n => (int)n!));
        Assert.Equal(["#1a7f37", "#cf222e", "#d4a72c"], page["modelFills"]!.AsArray().Select(n => (string)n!).Order(StringComparer.Ordinal));
        Assert.Equal(["anthropic/claude-haiku-4-5", "0 %", "openai/gpt-4o-mini", "50 %"], page["modelLabels"]!.AsArray().Select(n => (string)n!));

        // The failure report: the failing and the erroring case, with prompt, response and the failed rule.
        var failures = page["failures"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains("fails", failures[0], StringComparison.Ordinal);
        Assert.Contains("[user] What is the capital of Japan?", failures[0], StringComparison.Ordinal);
        Assert.Contains("Tokyo.", failures[0], StringComparison.Ordinal);
        Assert.Contains("must contain \"Kyoto\"", failures[0], StringComparison.Ordinal);
        Assert.Contains("errors", failures[1], StringComparison.Ordinal);
        Assert.Contains("BadRequest", failures[1], StringComparison.Ordinal);
        Assert.Contains("[user] provider down", failures[1], StringComparison.Ordinal);

        // The legend: one swatch per colour the charts use, drawn in that colour, with its outcome's name.
        var legend = page["legend"]!.AsArray().Select(n => ((string)n!["colour"]!, (string)n["label"]!, (string)n["fill"]!)).ToList();
        Assert.Equal([("#1a7f37", "PASS", "rgb(26, 127, 55)"), ("#cf222e", "FAIL", "rgb(207, 34, 46)"), ("#d4a72c", "ERROR", "rgb(212, 167, 44)"), ("#4c8bf5", "latency", "rgb(76, 139, 245)")], legend);
        var legendBox = Rect(page["legendBox"]);
        Assert.True(legendBox.W > 100 && legendBox.H > 8 && legendBox.Y + legendBox.H <= latency.Y, $"legend at {legendBox}, latency chart at {latency}");

        // Self-contained: no scripts, nothing external, and no request left the file:// origin.
        Assert.Equal(0, (int)page["scripts"]!);
        Assert.Empty(page["external"]!.AsArray());
        var requested = browser.Events.Where(e => (string)e["method"]! == "Network.requestWillBeSent").Select(e => (string)e["params"]!["request"]!["url"]!).ToList();
        Assert.All(requested, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));

        // The screenshot: right size, not blank, and the chart's colours where the DOM puts the chart.
        var shot = await browser.SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        var png = Convert.FromBase64String((string)shot["data"]!);
        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllBytesAsync(Path.Combine(artifacts, "report-chromium.png"), png);
        File.Copy(report, Path.Combine(artifacts, "report.html"), overwrite: true);
        var image = PngImage.Decode(png);
        Assert.Equal((Width, Height), (image.Width, image.Height));
        Assert.True(Colours(image, 0, 0, Width, Height).Count > 20, "the screenshot is (nearly) blank");
        Assert.True(model.Y + model.H <= Height, $"the model chart ends at {model.Y + model.H}, below the screenshot");
        var inChart = Colours(image, (int)model.X, (int)model.Y, (int)model.W, (int)model.H);
        Assert.Contains(s_pass, inChart);
        Assert.Contains(s_fail, inChart);
        Assert.Contains(s_error, inChart);
        var inHistogram = Colours(image, (int)latency.X, (int)latency.Y, (int)latency.W, (int)latency.H);
        Assert.Contains(((byte)0x4c, (byte)0x8b, (byte)0xf5), inHistogram);
        Assert.DoesNotContain(s_fail, inHistogram);
        var inLegend = Colours(image, (int)legendBox.X, (int)legendBox.Y, (int)legendBox.W, (int)legendBox.H);
        Assert.Contains(s_pass, inLegend);
        Assert.Contains(s_fail, inLegend);
        Assert.Contains(s_error, inLegend);
        Assert.Contains(((byte)0x4c, (byte)0x8b, (byte)0xf5), inLegend);
    }

    private const string Checks = """
        (() => {
          const box = id => { const e = document.getElementById(id); if (!e) return null; const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; };
          const latency = document.getElementById('latency-chart');
          const model = document.getElementById('model-chart');
          const bars = latency ? [...latency.querySelectorAll('rect')] : [];
          return {
            latency: box('latency-chart'),
            model: box('model-chart'),
            latencyBuckets: bars.length,
            latencyBars: bars.filter(b => b.getBoundingClientRect().height > 0).length,
            latencyCounts: bars.map(b => parseInt(b.querySelector('title').textContent.split(': ').pop(), 10)),
            modelFills: model ? [...model.querySelectorAll('rect')].filter(r => r.getBoundingClientRect().width > 0).map(r => r.getAttribute('fill')) : [],
            modelLabels: model ? [...model.querySelectorAll('text')].map(t => t.textContent) : [],
            failures: [...document.querySelectorAll('.case')].map(c => c.innerText),
            legendBox: box('legend'),
            legend: [...document.querySelectorAll('#legend .item')].map(i => ({ colour: i.dataset.colour, label: i.querySelector('b').textContent, fill: getComputedStyle(i.querySelector('i')).backgroundColor })),
            scripts: document.scripts.length,
            external: [...document.querySelectorAll('[src], link[href]')].map(e => e.getAttribute('src') || e.getAttribute('href')),
          };
        })()
        """;

    private static (double X, double Y, double W, double H) Rect(JsonNode? node) =>
        node is null ? throw new InvalidOperationException("The element is missing from the page.") : ((double)node["x"]!, (double)node["y"]!, (double)node["w"]!, (double)node["h"]!);

    /// <summary>How many of the report's ten equal latency buckets hold a case (the same bucketing as HtmlCharts).</summary>
    private static int NonEmptyBuckets(double[] latencies)
    {
        var min = latencies.Min();
        var span = Math.Max(latencies.Max() - min, 1);
        return latencies.Select(l => Math.Min(9, (int)((l - min) / span * 10))).Distinct().Count();
    }

    private static HashSet<(byte R, byte G, byte B)> Colours(PngImage image, int x, int y, int width, int height)
    {
        var colours = new HashSet<(byte, byte, byte)>();
        for (var j = Math.Max(0, y); j < Math.Min(image.Height, y + height); j++)
        {
            for (var i = Math.Max(0, x); i < Math.Min(image.Width, x + width); i++)
            {
                var (r, g, b, _) = image[i, j];
                colours.Add((r, g, b));
            }
        }

        return colours;
    }
}
