using System.Text.Json;
using System.Xml.Linq;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests.TestRunner;

public sealed class TestCommandTests : IAsyncLifetime, IDisposable
{
    private const string PlantedKey = "sk-test-PLANTED-0123456789";

    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private readonly CliRunner _cli = new();
    private LlmSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_suite_with_pass_fail_and_error_cases_reports_each_and_exits_2()
    {
        _simulator.Script.When(userContains: "capital of France").Reply("The capital of France is Paris.").WithUsage(14, 8);
        _simulator.Script.When(userContains: "capital of Japan").Reply("Tokyo.").WithUsage(14, 2);
        _simulator.Script.When(userContains: "provider down").Fault(SimulatorFault.BadRequest);
        var suite = _cli.WriteFile("suite.json", """
            { "cases": [
              { "id": "passes", "prompt": "What is the capital of France?", "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "Paris" } } ] },
              { "id": "fails", "prompt": "What is the capital of Japan?", "reasks": 0, "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "Kyoto" } } ] },
              { "id": "errors", "prompt": "provider down", "rules": [ { "type": "response_not_empty" } ] },
              { "id": "skipped", "prompt": "x", "skip": "not today" }
            ] }
            """);

        var result = await RunAsync(suite);

        Assert.True(result.ExitCode == 2, result.ToString());
        var cases = Results().GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(["passes", "fails", "errors", "skipped"], cases.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(["PASS", "FAIL", "ERROR", "SKIPPED"], cases.Select(c => c.GetProperty("outcome").GetString()));
        var failed = cases[1].GetProperty("failedRules")[0];
        Assert.Contains("Kyoto", failed.GetProperty("rule").GetString(), StringComparison.Ordinal);
        Assert.Contains("Kyoto", failed.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Tokyo.", cases[1].GetProperty("response").GetString());
        Assert.StartsWith("BadRequest", cases[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(14, cases[0].GetProperty("inputTokens").GetInt64());
        Assert.True(cases[0].GetProperty("costUsd").GetDecimal() > 0);
        var summary = Results().GetProperty("summary");
        Assert.Equal((1, 1, 1, 1), (summary.GetProperty("passed").GetInt32(), summary.GetProperty("failed").GetInt32(), summary.GetProperty("errors").GetInt32(), summary.GetProperty("skipped").GetInt32()));

        var junit = XDocument.Load(Out("junit.xml"));
        var suiteElement = junit.Root!.Element("testsuite")!;
        Assert.Equal(("4", "1", "1", "1"), ((string)suiteElement.Attribute("tests")!, (string)suiteElement.Attribute("failures")!, (string)suiteElement.Attribute("errors")!, (string)suiteElement.Attribute("skipped")!));
        var testcases = suiteElement.Elements("testcase").ToDictionary(e => (string)e.Attribute("name")!);
        Assert.Null(testcases["passes"].Element("failure"));
        Assert.NotNull(testcases["fails"].Element("failure"));
        Assert.NotNull(testcases["errors"].Element("error"));
        Assert.Null(testcases["errors"].Element("failure"));
        Assert.NotNull(testcases["skipped"].Element("skipped"));

        var markdown = await File.ReadAllTextAsync(Out("report.md"));
        Assert.Contains("**1 passed, 1 failed, 1 errors, 1 skipped**", markdown, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Out("report.html"));
        Assert.Contains("<svg id=\"latency-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"model-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("Failures and errors (2)", html, StringComparison.Ordinal);
        var failures = html[html.IndexOf("id=\"failures\"", StringComparison.Ordinal)..];
        Assert.Contains("[user] What is the capital of Japan?", failures, StringComparison.Ordinal);
        Assert.Contains("<pre>Tokyo.</pre>", failures, StringComparison.Ordinal);
        Assert.Contains("must contain &quot;Kyoto&quot;", failures, StringComparison.Ordinal);
        Assert.Contains("<h4>Attempts</h4>", failures, StringComparison.Ordinal);
        Assert.Contains("<td>Primary</td><td>openai/gpt-4o-mini</td><td>Invalid</td>", failures, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Paris", null, 0)]
    [InlineData("Kyoto", null, 1)]
    [InlineData("Kyoto", "0.5", 0)]
    [InlineData("Kyoto", "0.6", 1)]
    public async Task Exit_codes_follow_failures_and_the_threshold(string expected, string? threshold, int exitCode)
    {
        _simulator.Script.Always().Reply("Paris");
        var suite = _cli.WriteFile("suite.yaml", $$"""
            cases:
              - id: a
                prompt: Capital of France?
              - id: b
                prompt: Capital of France?
                reasks: 0
                rules: [ { type: string_check, params: { check: contains, value: {{expected}} } } ]
            """);

        var result = await RunAsync(suite, threshold is null ? [] : ["--threshold", threshold]);

        Assert.True(result.ExitCode == exitCode, result.ToString());
    }

    [Fact]
    public async Task A_missing_image_is_that_case_error_from_the_runtime_loader_and_the_run_goes_on()
    {
        await File.WriteAllBytesAsync(Path.Combine(_cli.Directory, "here.png"), Convert.FromBase64String(OnePixelPng));
        var suite = _cli.WriteFile("images.json", """
            { "cases": [
              { "id": "missing", "prompt": "Describe", "images": [ "nowhere/cat.png" ] },
              { "id": "present", "prompt": "Describe", "images": [ "here.png" ] }
            ] }
            """);

        var result = await RunAsync(suite);

        Assert.True(result.ExitCode == 2, result.ToString());
        var cases = Results().GetProperty("cases");
        Assert.Equal("ERROR", cases[0].GetProperty("outcome").GetString());
        var reason = cases[0].GetProperty("reason").GetString()!;
        Assert.True(reason.Contains("image 1 of case 'missing'", StringComparison.Ordinal) && reason.Contains("nowhere/cat.png", StringComparison.Ordinal) && reason.Contains("does not exist", StringComparison.Ordinal), reason);
        Assert.Equal("PASS", cases[1].GetProperty("outcome").GetString());
        Assert.Contains("image_url", Assert.Single(_simulator.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_format_comes_from_the_content_a_png_named_txt_is_sent_as_png_and_text_named_png_is_an_error()
    {
        await File.WriteAllBytesAsync(Path.Combine(_cli.Directory, "really-a-png.txt"), Convert.FromBase64String(OnePixelPng));
        _cli.WriteFile("not-an-image.png", "just some text, not an image");
        var good = _cli.WriteFile("good.json", """{ "cases": [ { "id": "png", "prompt": "Describe", "images": [ "really-a-png.txt" ] } ] }""");
        var bad = _cli.WriteFile("bad.json", """{ "cases": [ { "id": "text", "prompt": "Describe", "images": [ "not-an-image.png" ] } ] }""");

        var sent = await RunAsync(good);
        var refused = await _cli.RunAsync(["test", bad, "--dry-run"]);

        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.Contains("data:image/png;base64,", Assert.Single(_simulator.Requests).Body, StringComparison.Ordinal);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("bad.json(1,14): error: case 'text': image 'not-an-image.png'", refused.Error, StringComparison.Ordinal);
        Assert.Contains("is not a supported image format", refused.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.png")]
    [InlineData("/etc/hostname")]
    public async Task Images_outside_the_suite_folder_need_allow_images_outside(string reference)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_cli.Directory, "suite")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(_cli.Directory, "outside.png"), Convert.FromBase64String(OnePixelPng));
        var suite = Path.Combine(folder, "s.json");
        await File.WriteAllTextAsync(suite, $$"""{ "cases": [ { "id": "peek", "prompt": "Describe", "images": [ "{{reference}}" ] } ] }""");

        var refused = await _cli.RunAsync(["test", suite, "--dry-run"]);
        var allowed = await _cli.RunAsync(["test", suite, "--dry-run", "--allow-images-outside"]);

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("s.json(1,14): error: case 'peek'", refused.Error, StringComparison.Ordinal);
        Assert.Contains("outside the suite's folder", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-images-outside", refused.Error, StringComparison.Ordinal);

        // Allowed, the reference is read and checked like any other: a PNG loads, /etc/hostname is not an image.
        Assert.True(allowed.ExitCode == (reference.EndsWith(".png", StringComparison.Ordinal) ? 0 : 2), allowed.ToString());
    }

    [Fact]
    public async Task Parallelism_is_bounded_and_results_keep_suite_order()
    {
        // Later cases answer faster, so completion order differs from suite order.
        for (var i = 0; i < 12; i++)
        {
            _simulator.Script.When(userContains: $"case {i:00}").Reply($"answer {i}").WithLatency(TimeSpan.FromMilliseconds(240 - (i * 15)));
        }

        var suite = _cli.WriteFile("many.json", "{ \"cases\": [" + string.Join(",", Enumerable.Range(0, 12).Select(i => $"{{ \"id\": \"c{i:00}\", \"prompt\": \"case {i:00}\" }}")) + "] }");

        var result = await RunAsync(suite, ["--parallel", "3"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, _simulator.PeakConcurrentRequests);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"c{i:00}"), Results().GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        var completion = (await File.ReadAllLinesAsync(Out("results.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
        Assert.Equal(12, completion.Count);
    }

    [Fact]
    public async Task A_run_cancelled_midway_keeps_every_finished_case_in_its_json()
    {
        _simulator.Script.When(userContains: "slow").Fault(SimulatorFault.Hang);
        var suite = _cli.WriteFile("interrupted.json", "{ \"cases\": [" + string.Join(",", Enumerable.Range(0, 6).Select(i => $"{{ \"id\": \"c{i}\", \"prompt\": \"{(i < 3 ? "fast" : "slow")} {i}\" }}")) + "] }");
        using var cancel = new CancellationTokenSource();
        var run = RunAsync(suite, ["--parallel", "1"], cancel.Token);
        await _simulator.WaitForRequestAsync(r => r.LastUserText == "slow 3");

        await cancel.CancelAsync();
        var result = await run;

        Assert.True(result.ExitCode == 130, result.ToString());
        var lines = await File.ReadAllLinesAsync(Out("results.jsonl"));
        Assert.Equal(["c0", "c1", "c2"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));
        Assert.True(Results().GetProperty("summary").GetProperty("interrupted").GetBoolean());
        Assert.Equal(3, Results().GetProperty("cases").GetArrayLength());
    }

    [Fact]
    public async Task Secrets_never_reach_a_report()
    {
        _simulator.Script.Always().Fault(SimulatorFault.Unauthorized);
        var suite = _cli.WriteFile("secret.json", """{ "cases": [ { "id": "a", "prompt": "Hi" } ] }""");

        var result = await RunAsync(suite);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(PlantedKey, _simulator.Requests[0].Headers["Authorization"], StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(Out(string.Empty)))
        {
            Assert.DoesNotContain(PlantedKey, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(PlantedKey, result.Out + result.Error, StringComparison.Ordinal);
    }

    private Task<CliResult> RunAsync(string suite, string[]? extra = null, CancellationToken cancellationToken = default) =>
        _cli.RunAsync(["test", suite, "--config", _cli.WriteConfig(_simulator, PlantedKey), "--out", "out", .. extra ?? []], cancellationToken: cancellationToken);

    private string Out(string name) => Path.Combine(_cli.Directory, "out", name);

    private JsonElement Results() => JsonDocument.Parse(File.ReadAllText(Out("results.json"))).RootElement;
}
