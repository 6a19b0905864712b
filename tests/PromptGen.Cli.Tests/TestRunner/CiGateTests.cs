using System.Text.Json;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests.TestRunner;

/// <summary>
/// Gating prompt changes in CI, end to end against the simulator: record then replay with the simulator stopped,
/// a changed prompt under replay, a baseline with a regression and one with a flaky case wobbling within chance,
/// bless, shards merged back into the unsharded run, and the bad inputs (another suite's baseline, a corrupt
/// recording, overlapping shards).
/// </summary>
public sealed class CiGateTests : IAsyncLifetime, IDisposable
{
    private const string Suite = """
        { "cases": [
          { "id": "capital", "model": "openai/gpt-4o-mini", "prompt": "What is the capital of France?", "reasks": 0, "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "Paris" } } ] },
          { "id": "japan", "model": "openai/gpt-4o-mini", "prompt": "What is the capital of Japan?", "reasks": 0, "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "Kyoto" } } ] },
          { "id": "greeting", "model": "anthropic/claude-haiku-4-5", "prompt": "Say hello", "reasks": 0, "rules": [ { "type": "response_not_empty" } ] },
          { "id": "count", "model": "openai/gpt-4o-mini", "prompt": "Count to three", "stream": true, "reasks": 0, "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "three" } } ] },
          { "id": "colour", "model": "openai/gpt-4o-mini", "prompt": "Name a colour", "reasks": 0, "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "blue" } } ] }
        ] }
        """;

    private readonly CliRunner _cli = new();
    private LlmSimulator _simulator = null!;

    public async Task InitializeAsync()
    {
        _simulator = await LlmSimulator.StartAsync();
        Script(_simulator);
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_recorded_run_replays_with_the_simulator_stopped_giving_the_same_verdicts_and_no_requests()
    {
        var suite = _cli.WriteFile("suite.json", Suite);
        var config = _cli.WriteConfig(_simulator);
        var recorded = await _cli.RunAsync(["test", suite, "--config", config, "--out", "recorded", "--record", "rec"]);
        Assert.True(recorded.ExitCode == 1, recorded.ToString());
        var live = _simulator.Requests.Count;
        Assert.True(live >= 5, $"{live} requests recorded");
        Assert.Contains("recorded", recorded.Error, StringComparison.Ordinal);

        await _simulator.DisposeAsync();
        var replayed = await _cli.RunAsync(["test", suite, "--config", config, "--out", "replayed", "--replay", "rec"]);

        Assert.True(replayed.ExitCode == 1, replayed.ToString());
        Assert.Equal(Verdicts("recorded"), Verdicts("replayed"));
        Assert.Equal(Tokens("recorded"), Tokens("replayed"));
        Assert.Equal(live, _simulator.Requests.Count);
        Assert.Contains("0 live requests", replayed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("PLANTED", string.Concat(Directory.GetFiles(Path.Combine(_cli.Directory, "rec")).Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_prompt_under_replay_is_an_error_naming_the_case_and_the_difference()
    {
        var suite = _cli.WriteFile("suite.json", Suite);
        var config = _cli.WriteConfig(_simulator);
        Assert.Equal(1, (await _cli.RunAsync(["test", suite, "--config", config, "--out", "recorded", "--record", "rec"])).ExitCode);
        var requests = _simulator.Requests.Count;
        _cli.WriteFile("suite.json", Suite.Replace("What is the capital of France?", "What's the capital of France?", StringComparison.Ordinal));

        var replayed = await _cli.RunAsync(["test", suite, "--config", config, "--out", "replayed", "--replay", "rec"]);

        Assert.True(replayed.ExitCode == 2, replayed.ToString());
        Assert.Equal("ERROR", Verdicts("replayed")["capital"]);
        var reason = Case("replayed", "capital").GetProperty("reason").GetString()!;
        Assert.Contains("of 'capital'", reason, StringComparison.Ordinal);
        Assert.Contains("differs", reason, StringComparison.Ordinal);
        Assert.Contains("What's the capital", reason, StringComparison.Ordinal);
        Assert.Contains("capital", replayed.Out, StringComparison.Ordinal);
        Assert.Equal(requests, _simulator.Requests.Count);
    }

    [Fact]
    public async Task A_corrupt_recording_is_a_clear_error()
    {
        var suite = _cli.WriteFile("suite.json", Suite);
        Directory.CreateDirectory(Path.Combine(_cli.Directory, "rec"));
        var broken = _cli.WriteFile(Path.Combine("rec", "capital.json"), "{ \"format\": \"promptgen-recording/1\", \"fingerprint\": ");

        var result = await _cli.RunAsync(["test", suite, "--config", _cli.WriteConfig(_simulator), "--replay", "rec"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(broken, result.Error, StringComparison.Ordinal);
        Assert.Contains("cannot be replayed", result.Error, StringComparison.Ordinal);
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task A_baseline_where_one_case_regresses_exits_1_and_names_it_and_still_failing_cases_do_not_gate()
    {
        var suite = _cli.WriteFile("suite.json", Suite);
        var config = _cli.WriteConfig(_simulator);
        var baseline = await _cli.RunAsync(["test", suite, "--config", config, "--out", "base"]);
        Assert.True(baseline.ExitCode == 1, baseline.ToString());

        // Same run again: 'japan' and 'colour' still fail, nothing regressed.
        var same = await _cli.RunAsync(["test", suite, "--config", config, "--out", "same", "--baseline", Path.Combine("base", "results.json")]);
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Contains("still failing", same.Out, StringComparison.Ordinal);

        // The model now answers 'capital' wrongly: that case regressed.
        _simulator.Script.Clear();
        _simulator.Script.When(userContains: "capital of France").Reply("Lyon.");
        Script(_simulator);
        var regressed = await _cli.RunAsync(["test", suite, "--config", config, "--out", "now", "--baseline", Path.Combine("base", "results.json")]);

        Assert.True(regressed.ExitCode == 1, regressed.ToString());
        Assert.Contains("REGRESSED      capital", regressed.Out, StringComparison.Ordinal);
        Assert.Contains("1 regressed", regressed.Out, StringComparison.Ordinal);
        var comparison = Results("now").GetProperty("comparison").GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("regressed", comparison["capital"]);
        Assert.Equal("still failing", comparison["japan"]);
        Assert.Equal("passing", comparison["greeting"]);
        Assert.Contains("regressed", await File.ReadAllTextAsync(Path.Combine(_cli.Directory, "now", "report.md")), StringComparison.Ordinal);
        Assert.Contains("id=\"baseline-table\"", await File.ReadAllTextAsync(Path.Combine(_cli.Directory, "now", "report.html")), StringComparison.Ordinal);
        Assert.Contains("regressed", await File.ReadAllTextAsync(Path.Combine(_cli.Directory, "now", "junit.xml")), StringComparison.Ordinal);

        // --fail-on failures gates on every failure; --fail-on errors only on errors.
        Assert.Equal(1, (await _cli.RunAsync(["test", suite, "--config", config, "--out", "f", "--baseline", Path.Combine("base", "results.json"), "--fail-on", "failures"])).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync(["test", suite, "--config", config, "--out", "e", "--baseline", Path.Combine("base", "results.json"), "--fail-on", "errors"])).ExitCode);
    }

    [Fact]
    public async Task A_known_flaky_case_wobbling_within_its_interval_exits_0_and_is_reported_flaky()
    {
        var suite = _cli.WriteFile("flaky.json", """
            { "cases": [
              { "id": "steady", "model": "openai/gpt-4o-mini", "prompt": "What is the capital of France?", "reasks": 0, "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "Paris" } } ] },
              { "id": "wobbly", "model": "openai/gpt-4o-mini", "prompt": "Toss a coin", "reasks": 0, "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "heads" } } ] }
            ] }
            """);
        var config = _cli.WriteConfig(_simulator);
        _simulator.Script.Clear();
        _simulator.Script.When(userContains: "capital of France").Reply("Paris.");
        _simulator.Script.When(userContains: "coin").Reply("heads").Times(4);
        _simulator.Script.When(userContains: "coin").Reply("tails");
        var baseline = await _cli.RunAsync(["test", suite, "--config", config, "--out", "base", "--repeat", "6"]);
        Assert.True(baseline.ExitCode == 1, baseline.ToString());

        // 4/6 before, 2/6 now: within what chance explains.
        _simulator.Script.Clear();
        _simulator.Script.When(userContains: "capital of France").Reply("Paris.");
        _simulator.Script.When(userContains: "coin").Reply("heads").Times(2);
        _simulator.Script.When(userContains: "coin").Reply("tails");
        var wobble = await _cli.RunAsync(["test", suite, "--config", config, "--out", "now", "--repeat", "6", "--baseline", Path.Combine("base", "results.json")]);

        Assert.True(wobble.ExitCode == 0, wobble.ToString());
        var comparison = Results("now").GetProperty("comparison").GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!);
        Assert.Equal("flaky", comparison["wobbly"].GetProperty("status").GetString());
        Assert.True(comparison["wobbly"].GetProperty("flaky").GetBoolean());
        Assert.Equal("passing", comparison["steady"].GetProperty("status").GetString());
        Assert.Contains("FLAKY", wobble.Out, StringComparison.Ordinal);

        // 6/6 before, 0/6 now is beyond chance: regressed; 4/6 before, 3/6 now is not.
        _simulator.Script.Clear();
        _simulator.Script.When(userContains: "capital of France").Reply("Lyon.");
        _simulator.Script.When(userContains: "coin").Reply("heads").Times(3);
        _simulator.Script.When(userContains: "coin").Reply("tails");
        var dropped = await _cli.RunAsync(["test", suite, "--config", config, "--out", "dropped", "--repeat", "6", "--baseline", Path.Combine("base", "results.json")]);
        Assert.True(dropped.ExitCode == 1, dropped.ToString());
        Assert.Contains("REGRESSED      steady", dropped.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("REGRESSED      wobbly", dropped.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bless_writes_the_run_as_the_new_baseline()
    {
        var suite = _cli.WriteFile("suite.json", Suite);
        var config = _cli.WriteConfig(_simulator);
        var first = await _cli.RunAsync(["test", suite, "--config", config, "--out", "one", "--baseline", "baseline.json", "--bless"]);
        Assert.True(first.ExitCode == 1, first.ToString());
        Assert.Contains("blessed", first.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_cli.Directory, "baseline.json")));

        var second = await _cli.RunAsync(["test", suite, "--config", config, "--out", "two", "--baseline", "baseline.json"]);
        Assert.True(second.ExitCode == 0, second.ToString());
    }

    [Fact]
    public async Task A_baseline_of_another_suite_is_an_error()
    {
        var suite = _cli.WriteFile("suite.json", Suite);
        var other = _cli.WriteFile("other.json", """{ "cases": [ { "id": "x", "prompt": "What is the capital of France?" } ] }""");
        var config = _cli.WriteConfig(_simulator);
        Assert.Equal(0, (await _cli.RunAsync(["test", other, "--config", config, "--out", "other"])).ExitCode);
        var requests = _simulator.Requests.Count;

        var result = await _cli.RunAsync(["test", suite, "--config", config, "--out", "now", "--baseline", Path.Combine("other", "results.json")]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("is a run of other.json", result.Error, StringComparison.Ordinal);
        Assert.Contains("suite.json", result.Error, StringComparison.Ordinal);
        Assert.Equal(requests, _simulator.Requests.Count);

        File.WriteAllText(Path.Combine(_cli.Directory, "garbage.json"), "{ not json");
        var garbage = await _cli.RunAsync(["test", suite, "--config", config, "--baseline", "garbage.json"]);
        Assert.True(garbage.ExitCode == 2, garbage.ToString());
        Assert.Contains("garbage.json", garbage.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merging_three_shards_gives_the_unsharded_run()
    {
        var suite = _cli.WriteFile("suite.json", Suite);
        var config = _cli.WriteConfig(_simulator);
        Assert.Equal(1, (await _cli.RunAsync(["test", suite, "--config", config, "--out", "whole", "--repeat", "2"])).ExitCode);
        for (var i = 1; i <= 3; i++)
        {
            await _cli.RunAsync(["test", suite, "--config", config, "--out", $"shard{i}", "--repeat", "2", "--shard", $"{i}/3"]);
        }

        var merged = await _cli.RunAsync(["report", "merge", Path.Combine("shard2", "results.json"), Path.Combine("shard1", "results.json"), Path.Combine("shard3", "results.json"), "--out", "merged"]);

        Assert.True(merged.ExitCode == 1, merged.ToString());
        var whole = Results("whole");
        var all = Results("merged");
        Assert.Equal(Rows(whole), Rows(all));
        foreach (var count in (string[])["total", "passed", "failed", "errors", "skipped", "inputTokens", "outputTokens"])
        {
            Assert.Equal(whole.GetProperty("summary").GetProperty(count).GetInt64(), all.GetProperty("summary").GetProperty(count).GetInt64());
        }

        Assert.False(all.GetProperty("run").TryGetProperty("shard", out _));
        foreach (var report in (string[])["junit.xml", "report.md", "report.html"])
        {
            Assert.True(File.Exists(Path.Combine(_cli.Directory, "merged", report)), report);
        }

        // Overlapping shards, a missing shard and shards of another suite are refused.
        var twice = await _cli.RunAsync(["report", "merge", Path.Combine("shard1", "results.json"), Path.Combine("shard1", "results.json"), Path.Combine("shard2", "results.json"), "--out", "bad"]);
        Assert.True(twice.ExitCode == 2, twice.ToString());
        Assert.Contains("overlap", twice.Error, StringComparison.Ordinal);
        var missing = await _cli.RunAsync(["report", "merge", Path.Combine("shard1", "results.json"), Path.Combine("shard2", "results.json"), "--out", "bad"]);
        Assert.Contains("3/3 missing", missing.Error, StringComparison.Ordinal);
        var other = _cli.WriteFile("other.json", """{ "cases": [ { "id": "x", "prompt": "What is the capital of France?" }, { "id": "y", "prompt": "What is the capital of France?" }, { "id": "z", "prompt": "What is the capital of France?" } ] }""");
        await _cli.RunAsync(["test", other, "--config", config, "--out", "othershard", "--shard", "3/3"]);
        var mixed = await _cli.RunAsync(["report", "merge", Path.Combine("shard1", "results.json"), Path.Combine("shard2", "results.json"), Path.Combine("othershard", "results.json"), "--out", "bad"]);
        Assert.True(mixed.ExitCode == 2, mixed.ToString());
        Assert.Contains("different suites", mixed.Error, StringComparison.Ordinal);
    }

    private static void Script(LlmSimulator simulator)
    {
        simulator.Script.When(userContains: "capital of France").Reply("The capital of France is Paris.").WithUsage(14, 8);
        simulator.Script.When(userContains: "capital of Japan").Reply("Tokyo.").WithUsage(14, 2);
        simulator.Script.When(userContains: "hello").Reply("Hello!").WithUsage(5, 2);
        simulator.Script.When(userContains: "Count").Reply("one two three").WithUsage(6, 3);
        simulator.Script.When(userContains: "colour").Reply("red").WithUsage(4, 1);
    }

    private static List<string> Rows(JsonElement results) =>
        [.. results.GetProperty("cases").EnumerateArray().Select(c => $"{c.GetProperty("index").GetInt32()} {c.GetProperty("key").GetString()} {c.GetProperty("outcome").GetString()} {c.GetProperty("inputTokens").GetInt64()}")];

    private JsonElement Results(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(_cli.Directory, folder, "results.json"))).RootElement;

    private JsonElement Case(string folder, string id) => Results(folder).GetProperty("cases").EnumerateArray().First(c => c.GetProperty("id").GetString() == id);

    private Dictionary<string, string> Verdicts(string folder) =>
        Results(folder).GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("outcome").GetString()!);

    private Dictionary<string, long> Tokens(string folder) =>
        Results(folder).GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("inputTokens").GetInt64() + c.GetProperty("outputTokens").GetInt64());
}
