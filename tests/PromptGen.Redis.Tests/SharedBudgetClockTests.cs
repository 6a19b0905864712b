using Microsoft.Extensions.AI;
using PromptGen.Testing;

namespace PromptGen.Redis.Tests;

/// <summary>
/// The shared budgets and 429 holds on a fake clock (the router's <see cref="TimeProvider"/>, which the Redis limiter
/// passes to its script): waits are exact, and time moves only when every waiting call is waiting.
/// </summary>
public class SharedBudgetClockTests
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);
    private static readonly PromptCallOptions s_openAi = new() { Model = "openai/gpt-4o-mini" };
    private static readonly PromptCallOptions s_withFallback = new() { Model = "openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"] };

    private static ChatMessage[] Ask(string text) => [new(ChatRole.User, text)];

    [Fact]
    public async Task Two_instances_waiting_for_a_shared_budget_never_send_more_than_it_in_a_window()
    {
        var clock = new FakeClock();
        using var redis = await RedisServer.StartAsync();
        await using var simulator = await LlmSimulator.StartAsync(new LlmSimulatorOptions { TimeProvider = clock });
        static void Budget(PromptGenOptions o) => o.Limits["openai"] = new ProviderLimitOptions { RequestsPerMinute = 3 };
        await using var a = FleetInstance.Start(simulator, redis.Configuration, Budget, clock);
        await using var b = FleetInstance.Start(simulator, redis.Configuration, Budget, clock);
        var start = clock.GetUtcNow();

        // Nine calls at once from both instances: three are sent, six wait a full window for the next permits.
        var waiting = clock.WaitForTimersAsync(d => d == s_minute, 6);
        var calls = Enumerable.Range(0, 9).Select(i => (i % 2 == 0 ? a : b).Router.GetResponseAsync(Ask($"question {i}"), s_openAi)).ToList();
        await waiting;
        await CompletedAsync(calls, 3);

        for (var window = 1; window <= 2; window++)
        {
            Assert.Equal(3 * window, calls.Count(c => c.IsCompleted));
            waiting = window == 1 ? clock.WaitForTimersAsync(d => d == s_minute, 3) : Task.FromResult(s_minute);
            clock.Advance(s_minute);
            await waiting;
            await CompletedAsync(calls, 3 * (window + 1));
        }

        var results = await Task.WhenAll(calls);
        Assert.All(results, r => Assert.Equal("openai/gpt-4o-mini", r.ModelId));

        // The simulator saw three requests in each window, whichever instance sent them, and none while the budget was spent.
        var perWindow = simulator.Requests.GroupBy(r => (r.ReceivedAt - start).Ticks / s_minute.Ticks).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()));
        Assert.Equal([(0L, 3), (1L, 3), (2L, 3)], perWindow);
        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, s_minute, s_minute, s_minute, 2 * s_minute, 2 * s_minute, 2 * s_minute],
            results.Select(r => r.Trace.Attempts.Single().BudgetWait).Order());
    }

    [Fact]
    public async Task A_429_with_a_wait_seen_by_one_instance_holds_the_provider_for_the_other_until_then()
    {
        var clock = new FakeClock();
        using var redis = await RedisServer.StartAsync();
        await using var simulator = await LlmSimulator.StartAsync(new LlmSimulatorOptions { TimeProvider = clock });
        simulator.Script.When(userContains: "first").Fault(SimulatorFault.RateLimited, TimeSpan.FromSeconds(5)).Times(1);
        await using var a = FleetInstance.Start(simulator, redis.Configuration, time: clock);
        await using var b = FleetInstance.Start(simulator, redis.Configuration, time: clock);
        var start = clock.GetUtcNow();

        // A is rate-limited (no retries configured): it falls back, and the provider's wait is the fleet's.
        var learned = b.LearnsAsync("openai");
        var first = await a.Router.GetResponseAsync(Ask("first"), s_withFallback);
        Assert.Equal("anthropic/claude-haiku-4-5", first.ModelId);
        await learned;

        // B never saw the 429; a call that cannot wait falls over at once, naming the hold.
        var hurried = await b.Router.GetResponseAsync(Ask("hurried"), new PromptCallOptions { Model = "openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"], TotalTimeout = TimeSpan.FromSeconds(2) });
        Assert.Equal("anthropic/claude-haiku-4-5", hurried.ModelId);
        Assert.Contains("'openai' answered 429 and asked every caller to wait", hurried.Trace.Attempts[0].ErrorMessage, StringComparison.Ordinal);

        // One that can wait waits exactly until the announced instant, then is sent.
        var held = clock.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(5));
        var second = b.Router.GetResponseAsync(Ask("second"), s_openAi);
        await held;
        Assert.DoesNotContain(simulator.Requests, r => r.LastUserText is "second" or "hurried" && r.Model == "gpt-4o-mini");
        clock.Advance(TimeSpan.FromSeconds(5));
        var result = await second;
        Assert.Equal("openai/gpt-4o-mini", result.ModelId);
        Assert.Equal(TimeSpan.FromSeconds(5), result.Trace.Attempts.Single().BudgetWait);
        Assert.Equal(start + TimeSpan.FromSeconds(5), simulator.Requests.Single(r => r.LastUserText == "second").ReceivedAt);
    }

    private static async Task CompletedAsync(List<Task<PromptResult<ChatResponse>>> calls, int count)
    {
        while (calls.Count(c => c.IsCompleted) < count)
        {
            await Task.WhenAny(calls.Where(c => !c.IsCompleted));
        }
    }
}
