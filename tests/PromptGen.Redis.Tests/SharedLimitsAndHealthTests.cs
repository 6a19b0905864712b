using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using PromptGen.Testing;

namespace PromptGen.Redis.Tests;

/// <summary>Request budgets and route health shared by two instances through a real Redis, and what happens when Redis dies.</summary>
public class SharedLimitsAndHealthTests
{
    private static readonly PromptCallOptions s_withFallback = new() { Model = "openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"] };

    private static readonly CircuitBreakerOptions s_breaker = new()
    {
        FailureRatio = 0.5,
        MinimumThroughput = 2,
        SamplingDuration = TimeSpan.FromSeconds(30),
        BreakDuration = TimeSpan.FromSeconds(30),
    };

    private static ChatMessage[] Ask(string text) => [new(ChatRole.User, text)];

    [Fact]
    public async Task Two_instances_share_a_requests_per_minute_budget_and_fall_over_at_once_when_it_is_spent()
    {
        using var redis = await RedisServer.StartAsync();
        await using var simulator = await LlmSimulator.StartAsync();
        static void Budget(PromptGenOptions o) => o.Limits["openai"] = new ProviderLimitOptions { RequestsPerMinute = 3, WaitForBudget = false };
        await using var a = FleetInstance.Start(simulator, redis.Configuration, Budget);
        await using var b = FleetInstance.Start(simulator, redis.Configuration, Budget);

        List<PromptResult<ChatResponse>> results = [];
        for (var i = 0; i < 6; i++)
        {
            results.Add(await (i % 2 == 0 ? a : b).Router.GetResponseAsync(Ask($"question {i}"), s_withFallback));
        }

        // The budget is the fleet's: three requests to OpenAI in the window, whichever instance sent them.
        Assert.Equal(3, simulator.Requests.Count(r => r.Model == "gpt-4o-mini"));
        Assert.Equal(3, simulator.Requests.Count(r => r.Model == "claude-haiku-4-5"));
        var spent = results.Where(r => r.ModelId == "anthropic/claude-haiku-4-5").Select(r => r.Trace.Attempts[0]).ToList();
        Assert.Equal(3, spent.Count);
        Assert.All(spent, s =>
        {
            Assert.Equal(PromptErrorKind.RateLimited, s.ErrorKind);
            Assert.Contains("requests budget of 'openai' (3 per 00:01:00, shared by every instance", s.ErrorMessage, StringComparison.Ordinal);
            Assert.Contains("Limits:openai:WaitForBudget is false", s.ErrorMessage, StringComparison.Ordinal);
        });

        // A spent budget is not the provider's failure: no breaker opened.
        Assert.Equal(CircuitStatus.Closed, a.Router.GetCircuitStatus("openai/gpt-4o-mini"));
    }

    [Fact]
    public async Task A_breaker_opened_by_one_instance_is_open_for_the_other_and_half_open_lets_one_probe_through_the_fleet()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        using var redis = await RedisServer.StartAsync();
        await using var simulator = await LlmSimulator.StartAsync(new LlmSimulatorOptions { TimeProvider = time });
        await using var a = FleetInstance.Start(simulator, redis.Configuration, o => o.CircuitBreaker = s_breaker, time);
        await using var b = FleetInstance.Start(simulator, redis.Configuration, o => o.CircuitBreaker = s_breaker, time);
        simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.ServiceUnavailable);

        var learned = b.LearnsAsync("openai/gpt-4o-mini");
        await a.Router.GetResponseAsync(Ask("one"), s_withFallback);
        await a.Router.GetResponseAsync(Ask("two"), s_withFallback);
        Assert.Equal(CircuitStatus.Open, a.Router.GetCircuitStatus("openai/gpt-4o-mini"));
        await learned;

        // B never called the route, yet skips it: no request, straight to the fallback.
        simulator.ClearRequests();
        var skipped = await b.Router.GetResponseAsync(Ask("three"), s_withFallback);
        Assert.Equal("anthropic/claude-haiku-4-5", skipped.ModelId);
        Assert.Equal((AttemptOutcome.Skipped, PromptErrorKind.CircuitOpen), (skipped.Trace.Attempts[0].Outcome, skipped.Trace.Attempts[0].ErrorKind));
        Assert.DoesNotContain(simulator.Requests, r => r.Model == "gpt-4o-mini");

        // The break ends: one probe across the fleet. B claims it (and it fails: open again); A, whose own breaker is
        // half-open, does not send a second probe.
        time.Advance(TimeSpan.FromSeconds(31));
        var reopened = a.LearnsAsync("openai/gpt-4o-mini");
        await b.Router.GetResponseAsync(Ask("four"), s_withFallback);
        await reopened;
        await a.Router.GetResponseAsync(Ask("five"), s_withFallback);
        Assert.Equal(1, simulator.Requests.Count(r => r.Model == "gpt-4o-mini"));

        // After the next break the provider is back: the probe succeeds and the route is closed for everyone.
        simulator.Script.Clear();
        time.Advance(TimeSpan.FromSeconds(31));
        var closed = b.LearnsAsync("openai/gpt-4o-mini");
        var probe = await a.Router.GetResponseAsync(Ask("six"), s_withFallback);
        Assert.Equal("openai/gpt-4o-mini", probe.ModelId);
        await closed;
        var after = await b.Router.GetResponseAsync(Ask("seven"), s_withFallback);
        Assert.Equal("openai/gpt-4o-mini", after.ModelId);
    }

    [Fact]
    public async Task Killing_redis_mid_test_degrades_to_local_behaviour_and_loses_no_call()
    {
        using var redis = await RedisServer.StartAsync();
        await using var simulator = await LlmSimulator.StartAsync();
        static void Everything(PromptGenOptions o)
        {
            o.Cache = new PromptCacheOptions { Duration = TimeSpan.FromMinutes(10) };
            o.Limits["openai"] = new ProviderLimitOptions { RequestsPerMinute = 1000, TokensPerMinute = 1_000_000 };
        }

        await using var a = FleetInstance.Start(simulator, redis.Configuration, Everything);
        await using var b = FleetInstance.Start(simulator, redis.Configuration, Everything);
        List<PromptResult<ChatResponse>> results = [];
        for (var i = 0; i < 4; i++)
        {
            results.Add(await (i % 2 == 0 ? a : b).Router.GetResponseAsync(Ask($"before {i % 2}"), s_withFallback));
        }

        Assert.Equal(AttemptKind.Cached, results[2].Trace.Attempts[0].Kind);
        redis.Kill();

        for (var i = 0; i < 6; i++)
        {
            // Cached answers A already holds in memory, new questions, streams: every call is answered.
            var instance = i % 2 == 0 ? a : b;
            results.Add(await instance.Router.GetResponseAsync(Ask($"after {i}"), s_withFallback));
            var stream = instance.Router.GetStreamingResponseAsync(Ask($"streamed after {i}"), s_withFallback);
            await foreach (var update in stream)
            {
                _ = update;
            }

            results.Add(await stream.Completion is var done ? new PromptResult<ChatResponse>(new ChatResponse(new ChatMessage(ChatRole.Assistant, done.Value)), done.ModelId, done.Trace) : null!);
        }

        Assert.Equal(16, results.Count);
        Assert.All(results, r => Assert.Equal("openai/gpt-4o-mini", r.ModelId));
        Assert.Contains(a.Logs.Lines.Concat(b.Logs.Lines), l => l.StartsWith("Warning: Redis is unreachable", StringComparison.Ordinal));
    }
}
