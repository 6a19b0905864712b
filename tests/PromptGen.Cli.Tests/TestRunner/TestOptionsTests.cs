using System.Text.Json;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests.TestRunner;

public sealed class TestOptionsTests : IAsyncLifetime, IDisposable
{
    private readonly CliRunner _cli = new();
    private LlmSimulator _simulator = null!;
    private string _suite = null!;

    public async Task InitializeAsync()
    {
        _simulator = await LlmSimulator.StartAsync();
        _simulator.Script.When(userContains: "bad").Reply("wrong");
        _simulator.Script.Always().Reply("right");
        _suite = _cli.WriteFile("suite.json", """
            { "defaults": { "reasks": 0, "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "right" } } ] },
              "cases": [
                { "id": "alpha_1", "tags": ["smoke"], "prompt": "good 1" },
                { "id": "alpha_2", "prompt": "bad 2" },
                { "id": "beta_1", "tags": ["smoke"], "prompt": "good 3" },
                { "id": "beta_2", "prompt": "good 4", "model": "openai/gpt-4o" }
              ] }
            """);
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("--filter", "alpha_*", "alpha_1,alpha_2")]
    [InlineData("--filter", "tag:smoke", "alpha_1,beta_1")]
    [InlineData("--shard", "2/2", "alpha_2,beta_2")]
    [InlineData("--repeat", "2", "alpha_1,alpha_1,alpha_2,alpha_2,beta_1,beta_1,beta_2,beta_2")]
    public async Task Selection_options_pick_cases_in_suite_order(string option, string value, string expected)
    {
        var result = await RunAsync(option, value);

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        Assert.Equal(expected.Split(','), Ids());
    }

    [Fact]
    public async Task Rerun_failed_runs_only_the_failed_and_errored_cases()
    {
        await RunAsync();
        File.Copy(Path.Combine(_cli.Directory, "out", "results.json"), Path.Combine(_cli.Directory, "previous.json"));

        var result = await RunAsync("--rerun-failed", "previous.json");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(["alpha_2"], Ids());
    }

    [Fact]
    public async Task Fail_fast_stops_starting_cases_after_the_first_failure()
    {
        var result = await RunAsync("--fail-fast", "--parallel", "1");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(["alpha_1", "alpha_2"], Ids());
    }

    [Fact]
    public async Task Model_overrides_and_routes_map_the_suite_models()
    {
        await RunAsync("--model", "anthropic/claude-haiku-4-5");
        Assert.All(_simulator.Requests, r => Assert.Equal("claude-haiku-4-5", r.Model));

        _simulator.ClearRequests();
        await RunAsync("--route", "openai/gpt-4o=anthropic/claude-sonnet-4-5", "--filter", "beta_*");
        Assert.Equal(["claude-sonnet-4-5", "gpt-4o-mini"], _simulator.Requests.Select(r => r.Model!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Dry_run_checks_the_suite_and_sends_nothing()
    {
        var result = await _cli.RunAsync(["test", Path.Combine(AppContext.BaseDirectory, "data", "llm_call-test_prompts.reconstructed.json"), "--dry-run"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("30 case(s) parsed and checked; nothing sent (--dry-run).", result.Out, StringComparison.Ordinal);
        Assert.Empty(_simulator.Requests);
    }

    [Theory]
    [InlineData("--parallel", "0", "--parallel must be at least 1")]
    [InlineData("--shard", "3/2", "--shard takes i/n")]
    [InlineData("--threshold", "1.5", "--threshold must be a pass rate between 0 and 1")]
    [InlineData("--report", "json,pdf", "unknown report 'pdf'")]
    [InlineData("--route", "nothing", "--route takes name=value")]
    [InlineData("--filter", "gamma_*", "No case matches the selection")]
    public async Task Bad_options_are_usage_errors(string option, string value, string message)
    {
        var result = await RunAsync(option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_rule_type_fails_the_run_with_exit_2_before_anything_is_sent()
    {
        var suite = _cli.WriteFile("bad.json", """[ { "test_case_id": "x", "llm_config": { "model": "openai/gpt-4o-mini", "question": "Hi", "validation": [ { "type": "semantic_magic" } ] } } ]""");

        var result = await _cli.RunAsync(["test", suite, "--config", _cli.WriteConfig(_simulator)]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.json(1,3): error: case 'x':", result.Error, StringComparison.Ordinal);
        Assert.Contains("semantic_magic", result.Error, StringComparison.Ordinal);
        Assert.Empty(_simulator.Requests);
    }

    private Task<CliResult> RunAsync(params string[] extra) =>
        _cli.RunAsync(["test", _suite, "--config", _cli.WriteConfig(_simulator), "--out", "out", .. extra]);

    private List<string> Ids() =>
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(_cli.Directory, "out", "results.json"))).RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];
}
