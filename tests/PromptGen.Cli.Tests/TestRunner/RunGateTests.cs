using PromptGen.Testing;

namespace PromptGen.Cli.Tests.TestRunner;

/// <summary>Runs that would look green without testing anything: all skipped, a non-results file to rerun, stale reports.</summary>
public sealed class RunGateTests : IAsyncLifetime, IDisposable
{
    private readonly CliRunner _cli = new();
    private LlmSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_run_where_every_case_is_skipped_does_not_pass()
    {
        var suite = _cli.WriteFile("skipped.json", """{ "cases": [ { "id": "a", "prompt": "x", "skip": true }, { "id": "b", "prompt": "y", "skip": "later" } ] }""");

        var result = await RunAsync(suite);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("every case selected (2) was skipped", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no")]
    [InlineData("off")]
    [InlineData("n")]
    public async Task Skip_written_as_a_yes_no_word_is_a_located_error_not_a_reason(string word)
    {
        var suite = _cli.WriteFile("skip.yaml", $"cases:\n  - id: a\n    prompt: x\n    skip: {word}\n");

        var result = await _cli.RunAsync(["test", suite, "--dry-run"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"skip.yaml(2,5): error: case 'a': \"skip\" is '{word}'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rerun_failed_on_a_file_that_is_not_results_is_an_error()
    {
        var suite = _cli.WriteFile("suite.json", """{ "cases": [ { "id": "a", "prompt": "x" } ] }""");

        var result = await RunAsync(suite, ["--rerun-failed", suite]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("suite.json' is not a results file written by 'promptgen test'", result.Error, StringComparison.Ordinal);
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task A_reused_out_folder_keeps_no_report_of_an_earlier_run()
    {
        // What a run killed by SIGKILL before writing its reports would leave: the earlier run's green files.
        var folder = Directory.CreateDirectory(Path.Combine(_cli.Directory, "out")).FullName;
        foreach (var stale in (string[])["results.json", "junit.xml", "report.md", "report.html"])
        {
            await File.WriteAllTextAsync(Path.Combine(folder, stale), "stale: all PASS");
        }

        var suite = _cli.WriteFile("suite.json", """{ "cases": [ { "id": "a", "prompt": "x" } ] }""");
        var result = await RunAsync(suite, ["--report", "md"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(Path.Combine(folder, "results.json")), "stale results.json removed");
        Assert.False(File.Exists(Path.Combine(folder, "junit.xml")), "stale junit.xml removed");
        Assert.False(File.Exists(Path.Combine(folder, "report.html")), "stale report.html removed");
        Assert.DoesNotContain("stale", await File.ReadAllTextAsync(Path.Combine(folder, "report.md")), StringComparison.Ordinal);
    }

    private Task<CliResult> RunAsync(string suite, string[]? extra = null) =>
        _cli.RunAsync(["test", suite, "--config", _cli.WriteConfig(_simulator), "--out", "out", .. extra ?? []]);
}
