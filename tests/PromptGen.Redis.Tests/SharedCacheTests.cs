using Microsoft.Extensions.AI;
using PromptGen.Generated;
using PromptGen.Testing;
using PromptGen.Validation;
using StackExchange.Redis;

namespace PromptGen.Redis.Tests;

/// <summary>The response cache shared by two instances (two service providers) through a real Redis.</summary>
public class SharedCacheTests
{
    private static readonly PromptCacheOptions s_tenMinutes = new() { Duration = TimeSpan.FromMinutes(10) };

    private static ChatMessage[] Ask(string text) => [new(ChatRole.User, text)];

    private static async Task<List<string>> TextsAsync(IAsyncEnumerable<ChatResponseUpdate> stream)
    {
        List<string> texts = [];
        await foreach (var update in stream)
        {
            if (update.Text.Length > 0)
            {
                texts.Add(update.Text);
            }
        }

        return texts;
    }

    [Fact]
    public async Task Two_executors_share_a_cached_answer_and_the_simulator_sees_one_request()
    {
        using var redis = await RedisServer.StartAsync();
        await using var simulator = await LlmSimulator.StartAsync();
        await using var a = FleetInstance.Start(simulator, redis.Configuration);
        await using var b = FleetInstance.Start(simulator, redis.Configuration);
        var descriptor = new PromptDescriptor("Tests.IFleet", "SummarizeAsync") { Model = "openai/gpt-4o-mini", Cache = s_tenMinutes };

        var first = await a.Executor.GetTextAsync(descriptor, Ask("Summarize the fleet"), CancellationToken.None);
        var second = await b.Executor.GetTextAsync(descriptor, Ask("Summarize the fleet"), CancellationToken.None);

        Assert.Single(simulator.Requests);
        Assert.Equal(first.Value, second.Value);
        Assert.Equal(AttemptKind.Primary, Assert.Single(first.Trace.Attempts).Kind);
        var hit = Assert.Single(second.Trace.Attempts);
        Assert.Equal((AttemptKind.Cached, AttemptOutcome.Succeeded, "openai/gpt-4o-mini"), (hit.Kind, hit.Outcome, hit.ModelId));
        Assert.Equal("openai/gpt-4o-mini", second.ModelId);
    }

    [Fact]
    public async Task Only_validated_answers_are_stored_and_a_reask_answer_serves_the_next_call()
    {
        using var redis = await RedisServer.StartAsync();
        await using var simulator = await LlmSimulator.StartAsync();
        await using var a = FleetInstance.Start(simulator, redis.Configuration);
        await using var b = FleetInstance.Start(simulator, redis.Configuration);
        simulator.Script.Always().Reply("no").Times(2);
        simulator.Script.Always().Reply("yes, valid");
        var strict = new PromptDescriptor("Tests.IFleet", "CheckAsync") { Model = "openai/gpt-4o-mini", Cache = s_tenMinutes, ReaskBudget = 0, Rules = [new ContainsRule("yes")] };
        var lenient = new PromptDescriptor("Tests.IFleet", "CheckAsync") { Model = "openai/gpt-4o-mini", Cache = s_tenMinutes, ReaskBudget = 1, Rules = [new ContainsRule("yes")] };

        // The invalid answer is never stored: the next instance asks the provider again.
        await Assert.ThrowsAsync<ResponseValidationException>(async () => await a.Executor.GetTextAsync(strict, Ask("Is it valid?"), CancellationToken.None));
        var reasked = await b.Executor.GetTextAsync(lenient, Ask("Is it valid?"), CancellationToken.None);
        Assert.Equal(3, simulator.Requests.Count);
        Assert.Equal([AttemptKind.Primary, AttemptKind.Reask], reasked.Trace.Attempts.Select(x => x.Kind));

        // The validated re-ask answer is stored under the caller's prompt: the next call is one cache hit.
        var cached = await a.Executor.GetTextAsync(lenient, Ask("Is it valid?"), CancellationToken.None);
        Assert.Equal(3, simulator.Requests.Count);
        Assert.Equal("yes, valid", cached.Value);
        Assert.Equal(AttemptKind.Cached, Assert.Single(cached.Trace.Attempts).Kind);
    }

    [Fact]
    public async Task A_cached_answer_for_one_model_is_never_served_for_another()
    {
        using var redis = await RedisServer.StartAsync();
        await using var simulator = await LlmSimulator.StartAsync();
        await using var a = FleetInstance.Start(simulator, redis.Configuration, o => o.Cache = s_tenMinutes);
        await using var b = FleetInstance.Start(simulator, redis.Configuration, o => o.Cache = s_tenMinutes);

        var mini = await a.Router.GetResponseAsync(Ask("Same words"), new PromptCallOptions { Model = "openai/gpt-4o-mini" });
        var big = await b.Router.GetResponseAsync(Ask("Same words"), new PromptCallOptions { Model = "openai/gpt-4o" });
        var claude = await b.Router.GetResponseAsync(Ask("Same words"), new PromptCallOptions { Model = "anthropic/claude-haiku-4-5" });
        var miniAgain = await b.Router.GetResponseAsync(Ask("Same words"), new PromptCallOptions { Model = "openai/gpt-4o-mini" });

        Assert.Equal(["gpt-4o-mini", "gpt-4o", "claude-haiku-4-5"], simulator.Requests.Select(r => r.Model));
        Assert.Equal(("openai/gpt-4o", AttemptKind.Primary), (big.ModelId, big.Trace.Attempts[0].Kind));
        Assert.Equal(("anthropic/claude-haiku-4-5", AttemptKind.Primary), (claude.ModelId, claude.Trace.Attempts[0].Kind));
        Assert.Equal(("openai/gpt-4o-mini", AttemptKind.Cached), (miniAgain.ModelId, miniAgain.Trace.Attempts[0].Kind));
        Assert.Equal(mini.Value.Text, miniAgain.Value.Text);

        // Other options are other answers too.
        await b.Router.GetResponseAsync(Ask("Same words"), new PromptCallOptions { Model = "openai/gpt-4o-mini", ChatOptions = new ChatOptions { Temperature = 0.9f } });
        Assert.Equal(4, simulator.Requests.Count);
    }

    [Fact]
    public async Task A_stream_replays_a_cached_answer_as_a_stream()
    {
        using var redis = await RedisServer.StartAsync();
        await using var simulator = await LlmSimulator.StartAsync();
        await using var a = FleetInstance.Start(simulator, redis.Configuration, o => o.Cache = s_tenMinutes);
        await using var b = FleetInstance.Start(simulator, redis.Configuration, o => o.Cache = s_tenMinutes);
        var options = new PromptCallOptions { Model = "openai/gpt-4o-mini" };

        var live = a.Router.GetStreamingResponseAsync(Ask("Stream it"), options);
        var liveText = string.Concat(await TextsAsync(live));
        var replay = b.Router.GetStreamingResponseAsync(Ask("Stream it"), options);
        var replayed = await TextsAsync(replay);

        Assert.Single(simulator.Requests);
        Assert.NotEmpty(replayed);
        Assert.Equal(liveText, string.Concat(replayed));
        var completion = await replay.Completion;
        Assert.Equal(AttemptKind.Cached, Assert.Single(completion.Trace.Attempts).Kind);
    }

    [Fact]
    public async Task The_cache_keys_and_entries_in_redis_never_contain_a_planted_key()
    {
        using var redis = await RedisServer.StartAsync();
        await using var simulator = await LlmSimulator.StartAsync();
        await using var a = FleetInstance.Start(simulator, redis.Configuration, o => o.Cache = s_tenMinutes);
        await a.Router.GetResponseAsync(Ask("Keep this"), new PromptCallOptions { Model = "openai/gpt-4o-mini" });

        // An answer that echoes a configured secret is served but never stored.
        simulator.Script.Always().Reply("the key is " + FleetInstance.PlantedKey);
        var echoed = await a.Router.GetResponseAsync(Ask("Leak it"), new PromptCallOptions { Model = "openai/gpt-4o-mini" });
        Assert.Contains(FleetInstance.PlantedKey, echoed.Value.Text, StringComparison.Ordinal);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var server = connection.GetServer(redis.Configuration);
        var keys = server.Keys(pattern: "*").Select(k => (string)k!).ToList();
        var cacheKeys = keys.Where(k => k.StartsWith("promptgen:cache:", StringComparison.Ordinal)).ToList();
        Assert.Single(cacheKeys);
        Assert.StartsWith("promptgen:cache:" + "promptgen:answer:v1:openai/gpt-4o-mini:", cacheKeys[0], StringComparison.Ordinal);
        var db = connection.GetDatabase();
        foreach (var key in keys)
        {
            Assert.DoesNotContain("PLANTED", key, StringComparison.Ordinal);
            var dump = db.KeyType(key) == RedisType.Hash ? string.Join(";", db.HashGetAll(key).Select(e => $"{e.Name}={e.Value}")) : (string?)db.StringGet(key) ?? string.Empty;
            Assert.DoesNotContain("PLANTED", dump, StringComparison.Ordinal);
        }
    }
}
