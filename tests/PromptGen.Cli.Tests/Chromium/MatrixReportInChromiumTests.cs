using System.Text.Json.Nodes;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests.Chromium;

/// <summary>
/// A three-model matrix run (<c>--models a,b,c</c>) against the simulator, its HTML report opened in headless Chromium
/// with the network off: the per-model table and the case × model cells must be laid out with the right verdicts and
/// the verdict colours where the DOM puts the table; the exit code gates on all models or on the named one.
/// </summary>
public sealed class MatrixReportInChromiumTests : IAsyncLifetime, IDisposable
{
    private const int Width = 1100;
    private const int Height = 1000;
    private const string Models = "openai/gpt-4o-mini,anthropic/claude-haiku-4-5,openai/gpt-4o";

    private readonly CliRunner _cli = new();
    private LlmSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_three_model_matrix_report_renders_side_by_side_in_headless_chromium()
    {
        _simulator.Script.When(model: "claude-haiku-4-5", userContains: "Japan").Reply("Kyoto.");
        _simulator.Script.When(model: "gpt-4o", userContains: "colour").Fault(SimulatorFault.BadRequest);
        _simulator.Script.When(userContains: "France").Reply("Paris.").WithUsage(10, 2);
        _simulator.Script.When(userContains: "Japan").Reply("Tokyo.").WithUsage(10, 2);
        _simulator.Script.When(userContains: "colour").Reply("blue").WithUsage(5, 1);
        var suite = _cli.WriteFile("suite.json", """
            { "cases": [
              { "id": "france", "prompt": "What is the capital of France?", "reasks": 0, "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "Paris" } } ] },
              { "id": "japan", "prompt": "What is the capital of Japan?", "reasks": 0, "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "Tokyo" } } ] },
              { "id": "colour", "prompt": "Name a colour", "reasks": 0, "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "blue" } } ] }
            ] }
            """);
        var config = _cli.WriteConfig(_simulator);

        var all = await _cli.RunAsync(["test", suite, "--config", config, "--out", "out", "--models", Models]);
        var primary = await _cli.RunAsync(["test", suite, "--config", config, "--out", "primary", "--models", Models, "--gate-model", "openai/gpt-4o-mini", "--report", "json"]);

        Assert.True(all.ExitCode == 2, all.ToString());
        Assert.True(primary.ExitCode == 0, primary.ToString());
        Assert.Equal(9, _simulator.Requests.Count(r => r.Method == "POST") / 2);
        Assert.Contains("## Models side by side", await File.ReadAllTextAsync(Path.Combine(_cli.Directory, "out", "report.md")), StringComparison.Ordinal);
        Assert.Contains("| japan | PASS | FAIL | PASS |", await File.ReadAllTextAsync(Path.Combine(_cli.Directory, "out", "report.md")), StringComparison.Ordinal);

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.SendAsync("Network.enable");
        await browser.SendAsync("Network.emulateNetworkConditions", new JsonObject { ["offline"] = true, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1 });
        await browser.SendAsync("Page.enable");
        await browser.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = Width, ["height"] = Height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        var loaded = browser.NextEventAsync("Page.loadEventFired");
        var navigated = await browser.SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(Path.Combine(_cli.Directory, "out", "report.html")).AbsoluteUri });
        Assert.Null(navigated["errorText"]);
        await loaded;

        var page = (await browser.EvaluateAsync(Checks))!.AsObject();

        var models = page["models"]!.AsArray().Select(r => r!.AsArray().Select(c => (string)c!).ToList()).ToList();
        Assert.Equal(["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5", "openai/gpt-4o"], models.Select(r => r[0]));
        Assert.Equal(["3", "2", "2"], models.Select(r => r[2]));
        Assert.Equal(["0", "1", "0"], models.Select(r => r[3]));
        Assert.Equal(["0", "0", "1"], models.Select(r => r[4]));
        Assert.All(models, r => Assert.Matches(@"^\d+/\d+$", r[9]));
        var cells = page["cells"]!.AsArray().Select(r => string.Join(" ", r!.AsArray().Select(c => (string)c!))).ToList();
        Assert.Equal(["case " + Models.Replace(',', ' '), "france PASS PASS PASS", "japan PASS FAIL PASS", "colour PASS PASS ERROR"], cells);
        var table = Rect(page["table"]);
        Assert.True(table.W > 300 && table.H > 60, $"the matrix is {table.W}×{table.H}");
        Assert.True(table.Y + table.H <= Height, $"the matrix ends at {table.Y + table.H}, below the screenshot");
        Assert.Equal(0, (int)page["scripts"]!);
        Assert.False((bool)page["spread"]!, "a case on three models is not three repeats of one case");

        var shot = await browser.SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        var png = Convert.FromBase64String((string)shot["data"]!);
        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllBytesAsync(Path.Combine(artifacts, "matrix-chromium.png"), png);
        var image = PngImage.Decode(png);
        var inTable = Colours(image, (int)table.X, (int)table.Y, (int)table.W, (int)table.H);
        Assert.Contains(((byte)0xda, (byte)0xfb, (byte)0xe1), inTable);
        Assert.Contains(((byte)0xff, (byte)0xce, (byte)0xcb), inTable);
        Assert.Contains(((byte)0xff, (byte)0xf1, (byte)0xa8), inTable);
    }

    private const string Checks = """
        (() => {
          const rows = id => [...document.querySelectorAll('#' + id + ' tr')].map(tr => [...tr.children].map(c => c.textContent));
          const r = document.getElementById('matrix-cases').getBoundingClientRect();
          return {
            models: rows('matrix-models').slice(1),
            cells: rows('matrix-cases'),
            table: { x: r.x, y: r.y, w: r.width, h: r.height },
            scripts: document.scripts.length,
            spread: !!document.getElementById('spread-table'),
          };
        })()
        """;

    private static (double X, double Y, double W, double H) Rect(JsonNode? node) =>
        node is null ? throw new InvalidOperationException("The element is missing from the page.") : ((double)node["x"]!, (double)node["y"]!, (double)node["w"]!, (double)node["h"]!);

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
