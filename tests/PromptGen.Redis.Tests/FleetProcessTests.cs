using System.Diagnostics;
using PromptGen.Testing;

namespace PromptGen.Redis.Tests;

/// <summary>
/// Two OS processes (tests/PromptGen.Redis.TestHost, run with <c>dotnet exec</c>) on one Redis and one simulator: the
/// fleet is the processes, not the service providers of one test process. They run on the real clock: a fake clock
/// cannot be shared between processes, so the budget here is asserted as a count within one window (the one-minute
/// window is anchored at the first request, far longer than the test) and waits are shown in SharedBudgetClockTests.
/// </summary>
public class FleetProcessTests
{
    [Fact]
    public async Task Two_processes_share_a_cached_answer_and_the_simulator_sees_one_request()
    {
        using var redis = await RedisServer.StartAsync();
        await using var simulator = await LlmSimulator.StartAsync();

        var first = await RunAsync(redis, simulator, rpm: 0, calls: 1, "What do fleets share?");
        var second = await RunAsync(redis, simulator, rpm: 0, calls: 1, "What do fleets share?");

        Assert.Equal(["ok openai/gpt-4o-mini Primary"], first);
        Assert.Equal(["ok openai/gpt-4o-mini Cached"], second);
        Assert.Single(simulator.Requests);
    }

    [Fact]
    public async Task Two_processes_share_a_requests_per_minute_budget()
    {
        using var redis = await RedisServer.StartAsync();
        await using var simulator = await LlmSimulator.StartAsync();

        var first = await RunAsync(redis, simulator, rpm: 3, calls: 2, "budget");
        var second = await RunAsync(redis, simulator, rpm: 3, calls: 2, "budget");

        Assert.All(first, line => Assert.StartsWith("ok openai/gpt-4o-mini", line, StringComparison.Ordinal));
        Assert.StartsWith("ok openai/gpt-4o-mini", second[0], StringComparison.Ordinal);
        Assert.StartsWith("error RateLimited The requests budget of 'openai' (3 per 00:01:00", second[1], StringComparison.Ordinal);
        Assert.Equal(3, simulator.Requests.Count);
    }

    [Fact]
    public async Task A_breaker_opened_in_one_process_is_open_in_the_other_which_sends_nothing()
    {
        using var redis = await RedisServer.StartAsync();
        await using var simulator = await LlmSimulator.StartAsync();
        simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.ServiceUnavailable);

        // The first process fails twice: its breaker opens (for five minutes, so the second process starts well within it).
        var first = await RunAsync(redis, simulator, rpm: 0, calls: 2, "breaker", breakSeconds: 300);
        var second = await RunAsync(redis, simulator, rpm: 0, calls: 2, "breaker", breakSeconds: 300);

        Assert.All(first, line => Assert.StartsWith("error Unavailable", line, StringComparison.Ordinal));
        Assert.All(second, line => Assert.StartsWith("error CircuitOpen", line, StringComparison.Ordinal));
        Assert.Contains("The circuit for 'openai/gpt-4o-mini' is open", second[0], StringComparison.Ordinal);
        Assert.Equal(2, simulator.Requests.Count);
    }

    private static async Task<List<string>> RunAsync(RedisServer redis, LlmSimulator simulator, int rpm, int calls, string text, int breakSeconds = 0)
    {
        var host = Path.Combine(AppContext.BaseDirectory.Replace("PromptGen.Redis.Tests", "PromptGen.Redis.TestHost", StringComparison.Ordinal), "PromptGen.Redis.TestHost.dll");
        Assert.True(File.Exists(host), $"The test host was not built: {host}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "exec", host, redis.Configuration, simulator.OpenAIBaseUrl.ToString(), FleetInstance.PlantedKey, rpm.ToString(System.Globalization.CultureInfo.InvariantCulture), calls.ToString(System.Globalization.CultureInfo.InvariantCulture), text, breakSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"The test host failed ({process.ExitCode}): {await errors}");
        return [.. (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
