using System.Text.Json;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests.TestRunner;

/// <summary>
/// The shared rate-limit back-off, time to first token, the judge-score spread under --repeat and the configured judge
/// model, run through the CLI against simulators on a fake clock (no sleeps: time moves only when the run is waiting).
/// </summary>
public sealed class RunnerMetricsTests : IDisposable
{
    private static readonly TimeSpan s_second = TimeSpan.FromSeconds(1);

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_429_with_retry_after_holds_back_every_case_of_that_provider_until_then_while_another_provider_proceeds()
    {
        var clock = new FakeClock();
        await using var limited = await LlmSimulator.StartAsync(new LlmSimulatorOptions { TimeProvider = clock });
        await using var other = await LlmSimulator.StartAsync(new LlmSimulatorOptions { TimeProvider = clock });
        limited.Script.When(userContains: "a1").Fault(SimulatorFault.RateLimited, TimeSpan.FromSeconds(5)).Times(1);
        other.Script.When(userContains: "slow").Reply("ok").WithLatency(s_second);
        var config = _cli.WriteFile("config.json", $$"""
            { "PromptGen": {
                "Retry": { "MaxRetries": 1, "BaseDelay": 0.01, "UseJitter": false },
                "Providers": {
                  "openai": { "BaseUrl": "{{limited.OpenAIBaseUrl}}", "ApiKey": "sk-test-one-0123456789" },
                  "anthropic": { "BaseUrl": "{{other.AnthropicBaseUrl}}", "ApiKey": "sk-test-two-0123456789" } } } }
            """);

        // Four slots: a1 and three slow b cases start at once. a2 and a3 can only start once a b case has finished,
        // which needs the clock to move, which happens only after a1's 429 has been handled.
        var suite = _cli.WriteFile("suite.json", """
            { "cases": [
              { "id": "a1", "model": "openai/gpt-4o-mini", "prompt": "a1" },
              { "id": "b1", "model": "anthropic/claude-haiku-4-5", "prompt": "slow b1" },
              { "id": "b2", "model": "anthropic/claude-haiku-4-5", "prompt": "slow b2" },
              { "id": "b3", "model": "anthropic/claude-haiku-4-5", "prompt": "slow b3" },
              { "id": "a2", "model": "openai/gpt-4o-mini", "prompt": "a2" },
              { "id": "a3", "model": "openai/gpt-4o-mini", "prompt": "a3" },
              { "id": "b4", "model": "anthropic/claude-haiku-4-5", "prompt": "slow b4" }
            ] }
            """);
        var start = clock.GetUtcNow();
        var slowStarted = clock.WaitForTimersAsync(d => d == s_second, 3);
        var retryScheduled = clock.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(5));

        var run = _cli.RunAsync(["test", suite, "--config", config, "--out", "out", "--parallel", "4"], time: clock);
        await retryScheduled;
        var gateWaits = clock.WaitForTimersAsync(d => d == TimeSpan.FromSeconds(4), 2);
        await clock.AdvanceWhenWaitingAsync(slowStarted);

        // At +1 s: a2 and a3 wait at the gate (4 s left) while b4 reaches the other provider.
        await gateWaits;
        var b4 = await other.WaitForRequestAsync(r => r.LastUserText == "slow b4");
        Assert.Equal(start + s_second, b4.ReceivedAt);
        Assert.Equal(["a1"], limited.Requests.Select(r => r.LastUserText));
        clock.Advance(TimeSpan.FromSeconds(4));
        var result = await run;

        Assert.True(result.ExitCode == 0, result.ToString());
        var requests = limited.Requests.ToList();
        Assert.Equal(4, requests.Count);
        Assert.Equal(start, requests[0].ReceivedAt);
        Assert.All(requests.Skip(1), r => Assert.True(r.ReceivedAt >= start + TimeSpan.FromSeconds(5), $"{r.LastUserText} reached the rate-limited provider at {r.ReceivedAt - start}"));
        var results = Results();
        var cases = results.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal(1, cases["a2"].GetProperty("rateLimitWaits").GetInt32());
        Assert.Equal(1, cases["a3"].GetProperty("rateLimitWaits").GetInt32());
        Assert.Equal(4000, cases["a2"].GetProperty("rateLimitWaitMs").GetDouble());
        Assert.False(cases["b4"].TryGetProperty("rateLimitWaits", out var b4Waits) && b4Waits.GetInt32() != 0);
        Assert.Equal(1, cases["a1"].GetProperty("retries").GetInt32());
        Assert.Equal(2, results.GetProperty("summary").GetProperty("rateLimitWaits").GetInt32());
        Assert.Matches(@"rate-limit waits \(shared back-off\)\s+2\r?\n", result.Out);
    }

    [Fact]
    public async Task A_repeat_answered_by_the_response_cache_is_a_Cached_attempt_in_the_results_and_every_report()
    {
        await using var simulator = await LlmSimulator.StartAsync();
        simulator.Script.Always().Reply("Paris");
        var config = _cli.WriteFile("config.json", $$"""
            { "PromptGen": {
                "Cache": { "Duration": "00:10:00" },
                "Providers": { "openai": { "BaseUrl": "{{simulator.OpenAIBaseUrl}}", "ApiKey": "sk-test-one-0123456789" } } } }
            """);
        var suite = _cli.WriteFile("suite.json", """
            { "cases": [ { "id": "capital", "model": "openai/gpt-4o-mini", "prompt": "capital of France?", "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "Paris" } } ] } ] }
            """);

        // One case at a time: the second repeat starts after the first stored its validated answer.
        var result = await _cli.RunAsync(["test", suite, "--config", config, "--out", "out", "--repeat", "2", "--parallel", "1"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(simulator.Requests);
        var results = Results();
        var attempts = results.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("attempts").EnumerateArray().Single()).ToList();
        Assert.Equal(["Primary", "Cached"], attempts.Select(a => a.GetProperty("kind").GetString()));
        Assert.Equal(["Succeeded", "Succeeded"], attempts.Select(a => a.GetProperty("outcome").GetString()));
        Assert.Equal(1, results.GetProperty("summary").GetProperty("cacheHits").GetInt32());
        Assert.Matches(@"cache hits \(no request sent\)\s+1\r?\n", result.Out);
        Assert.Matches(@"PASS\s+capital#2 \(\d+ ms, openai/gpt-4o-mini \(cached\)\)", result.Error);
        var markdown = await File.ReadAllTextAsync(Out("report.md"));
        Assert.Contains("| cache hits (no request sent) | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| PASS | openai/gpt-4o-mini (cached) |", markdown, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Out("report.html"));
        Assert.Contains("<th>cache hits (no request sent)</th><td>1</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"PASS\">PASS</td><td>openai/gpt-4o-mini (cached)</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_records_time_to_first_token_and_validates_the_assembled_text()
    {
        var clock = new FakeClock();
        await using var simulator = await LlmSimulator.StartAsync(new LlmSimulatorOptions { TimeProvider = clock });
        simulator.Script.When(userContains: "later").Reply("Paris is the capital of France.").WithLatency(TimeSpan.FromMilliseconds(300));
        simulator.Script.Always().Reply("Paris is the capital of France.").WithLatency(TimeSpan.FromMilliseconds(100));
        var suite = _cli.WriteFile("suite.json", """
            { "defaults": { "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "capital of France" } } ] },
              "cases": [
                { "id": "streamed", "prompt": "capital?" },
                { "id": "streamed-later", "prompt": "capital, later?" },
                { "id": "whole", "prompt": "capital, whole?", "stream": false }
              ] }
            """);
        // One case at a time: each timer exists only once the previous case has finished, so the clock never moves
        // while a case is still reading its stream.
        var first = clock.WaitForTimerAsync(d => d == TimeSpan.FromMilliseconds(100));
        var later = clock.WaitForTimerAsync(d => d == TimeSpan.FromMilliseconds(300));
        var whole = clock.WaitForTimersAsync(d => d == TimeSpan.FromMilliseconds(100), 2);

        var run = _cli.RunAsync(["test", suite, "--config", _cli.WriteConfig(simulator), "--out", "out", "--stream", "--parallel", "1"], time: clock);
        await clock.AdvanceWhenWaitingAsync(first);
        await clock.AdvanceWhenWaitingAsync(later);
        await clock.AdvanceWhenWaitingAsync(whole);
        var result = await run;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(simulator.Requests.Single(r => r.LastUserText == "capital?").Stream);
        Assert.True(simulator.Requests.Single(r => r.LastUserText == "capital, later?").Stream);
        Assert.False(simulator.Requests.Single(r => r.LastUserText == "capital, whole?").Stream);
        var results = Results();
        var cases = results.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(100, cases[0].GetProperty("timeToFirstTokenMs").GetDouble());
        Assert.Equal(300, cases[1].GetProperty("timeToFirstTokenMs").GetDouble());
        Assert.Equal(300, cases[1].GetProperty("attempts")[0].GetProperty("timeToFirstTokenMs").GetDouble());
        Assert.False(cases[2].TryGetProperty("timeToFirstTokenMs", out _));
        Assert.Equal(100, cases[2].GetProperty("latencyMs").GetDouble());
        var ttft = results.GetProperty("summary").GetProperty("timeToFirstToken");
        Assert.Equal((100d, 100d, 300d, 300d, 300d), (ttft.GetProperty("min").GetDouble(), ttft.GetProperty("p50").GetDouble(), ttft.GetProperty("p90").GetDouble(), ttft.GetProperty("p95").GetDouble(), ttft.GetProperty("p99").GetDouble()));
        Assert.Matches(@"time to first token ms \(p50 / p90 / p95 / p99\)\s+100 / 300 / 300 / 300", result.Out);
        Assert.Contains("| time to first token ms (p50 / p90 / p95 / p99) | 100 / 300 / 300 / 300 |", await File.ReadAllTextAsync(Out("report.md")), StringComparison.Ordinal);
        Assert.Contains("<th>time to first token ms (p50 / p90 / p95 / p99)</th><td>100 / 300 / 300 / 300</td>", await File.ReadAllTextAsync(Out("report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeats_report_the_spread_of_judge_scores_from_the_configured_judge_model()
    {
        await using var simulator = await LlmSimulator.StartAsync();
        simulator.Script.When(model: "claude-judge-1").Reply("""{"valid": true, "reason": "clear", "score": 0.9}""").Times(1);
        simulator.Script.When(model: "claude-judge-1").Reply("""{"valid": true, "reason": "vague", "score": 0.5}""").Times(1);
        simulator.Script.When(model: "claude-judge-1").Reply("""{"valid": true, "reason": "fine", "score": 0.7}""").Times(1);
        simulator.Script.When(userContains: "Describe Paris").Reply("Paris is the capital of France, on the Seine.");
        var suite = _cli.WriteFile("suite.json", """
            { "cases": [
              { "id": "judged", "prompt": "Describe Paris.", "reasks": 0,
                "rules": [ { "type": "judge", "params": { "rubric": "Mentions that Paris is the capital of France.", "min_score": 0.6 } } ] }
            ] }
            """);
        var config = _cli.WriteConfig(simulator, extra: """ "Validation": { "JudgeModel": "anthropic/claude-judge-1" }, """);

        var result = await _cli.RunAsync(["test", suite, "--config", config, "--out", "out", "--repeat", "3", "--parallel", "1"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(3, simulator.Requests.Count(r => r.Model == "claude-judge-1"));
        var results = Results();
        Assert.Equal([0.9, 0.5, 0.7], results.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("judgeScores")[0].GetDouble()));
        var spread = Assert.Single(results.GetProperty("summary").GetProperty("spread").EnumerateArray());
        Assert.Equal("judged", spread.GetProperty("id").GetString());
        Assert.Equal((3, 2, 3), (spread.GetProperty("runs").GetInt32(), spread.GetProperty("passed").GetInt32(), spread.GetProperty("scores").GetInt32()));
        Assert.Equal(0.5, spread.GetProperty("minScore").GetDouble());
        Assert.Equal(0.7, spread.GetProperty("meanScore").GetDouble(), 4);
        Assert.Equal(0.9, spread.GetProperty("maxScore").GetDouble());
        Assert.Equal(Math.Sqrt(0.08 / 3), spread.GetProperty("stdDevScore").GetDouble(), 4);
        Assert.Contains("| judged | 2/3 | 3 | 0.5 | 0.7 | 0.9 | 0.163 |", await File.ReadAllTextAsync(Out("report.md")), StringComparison.Ordinal);
        Assert.Contains("<tr><td>judged</td><td>2/3</td><td>3</td><td>0.5</td><td>0.7</td><td>0.9</td><td>0.163</td></tr>", await File.ReadAllTextAsync(Out("report.html")), StringComparison.Ordinal);
        Assert.Contains("judged  2/3  3  0.5  0.7  0.9  0.163", result.Out, StringComparison.Ordinal);
    }

    private string Out(string name) => Path.Combine(_cli.Directory, "out", name);

    private JsonElement Results() => JsonDocument.Parse(File.ReadAllText(Out("results.json"))).RootElement;
}
