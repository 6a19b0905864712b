using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PromptGen.Testing;

namespace PromptGen.Redis.Tests;

/// <summary>Without Redis: the cache and budgets are in memory, per instance; and both come from configuration.</summary>
public class InMemoryDefaultTests
{
    private static ChatMessage[] Ask(string text) => [new(ChatRole.User, text)];

    private static ServiceProvider Instance(LlmSimulator simulator, IConfiguration? configuration = null, Action<PromptGenOptions>? configure = null, Action<IServiceCollection>? app = null)
    {
        var services = new ServiceCollection();
        app?.Invoke(services);
        services.AddPromptGen(configuration?.GetSection("Root"), o =>
        {
            o.EnvironmentVariables = _ => null;
            o.Retry = new RetryOptions { MaxRetries = 0 };
            o.Provider("openai").BaseUrl = simulator.OpenAIBaseUrl.ToString();
            o.Provider("openai").ApiKey = FleetInstance.PlantedKey;
            configure?.Invoke(o);
        }).AddOpenAI();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Without_redis_the_cache_is_in_memory_per_instance_and_configured_from_configuration()
    {
        await using var simulator = await LlmSimulator.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Root:PromptGen:Cache:Duration"] = "00:10:00" }).Build();
        await using var a = Instance(simulator, configuration);
        await using var b = Instance(simulator, configuration);
        var routerA = a.GetRequiredService<PromptRouter>();
        var options = new PromptCallOptions { Model = "openai/gpt-4o-mini" };

        await routerA.GetResponseAsync(Ask("local"), options);
        var hit = await routerA.GetResponseAsync(Ask("local"), options);
        var other = await b.GetRequiredService<PromptRouter>().GetResponseAsync(Ask("local"), options);
        var off = await routerA.GetResponseAsync(Ask("local"), new PromptCallOptions { Model = "openai/gpt-4o-mini", Cache = PromptCacheOptions.Disabled });

        Assert.Equal(AttemptKind.Cached, hit.Trace.Attempts[0].Kind);
        Assert.Equal(AttemptKind.Primary, other.Trace.Attempts[0].Kind);
        Assert.Equal(AttemptKind.Primary, off.Trace.Attempts[0].Kind);
        Assert.Equal(3, simulator.Requests.Count);
    }

    [Fact]
    public async Task The_cache_works_in_an_application_whose_memory_cache_has_a_size_limit()
    {
        await using var simulator = await LlmSimulator.StartAsync();
        await using var instance = Instance(simulator, configure: o => o.Cache = new PromptCacheOptions { Duration = TimeSpan.FromMinutes(10) }, app: s => s.AddMemoryCache(o => o.SizeLimit = 1_000_000));
        var router = instance.GetRequiredService<PromptRouter>();
        var options = new PromptCallOptions { Model = "openai/gpt-4o-mini" };

        await router.GetResponseAsync(Ask("sized"), options);
        var hit = await router.GetResponseAsync(Ask("sized"), options);

        Assert.Equal(AttemptKind.Cached, hit.Trace.Attempts[0].Kind);
        Assert.Single(simulator.Requests);
    }

    [Fact]
    public async Task Limits_come_from_configuration_and_an_unknown_key_is_an_error_naming_its_path()
    {
        await using var simulator = await LlmSimulator.StartAsync();
        var good = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Root:PromptGen:Limits:openai/gpt-4o-mini:RequestsPerMinute"] = "1",
            ["Root:PromptGen:Limits:openai/gpt-4o-mini:WaitForBudget"] = "false",
        }).Build();
        await using var instance = Instance(simulator, good);
        var router = instance.GetRequiredService<PromptRouter>();
        await router.GetResponseAsync(Ask("one"), new PromptCallOptions { Model = "openai/gpt-4o-mini" });
        var spent = await Assert.ThrowsAsync<RateLimitedException>(() => router.GetResponseAsync(Ask("two"), new PromptCallOptions { Model = "openai/gpt-4o-mini" }));
        Assert.Contains("requests budget of 'openai/gpt-4o-mini' (1 per 00:01:00", spent.Message, StringComparison.Ordinal);
        Assert.Single(simulator.Requests);

        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Root:PromptGen:Limits:openai:RequestPerMinute"] = "5" }).Build();
        var error = Assert.Throws<PromptConfigurationException>(() => Instance(simulator, bad).GetRequiredService<PromptRouter>());
        Assert.Contains("Root:PromptGen:Limits:openai:RequestPerMinute", error.Message, StringComparison.Ordinal);

        var negative = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Root:PromptGen:Limits:openai:RequestsPerMinute"] = "0" }).Build();
        var invalid = Assert.Throws<PromptConfigurationException>(() => Instance(simulator, negative));
        Assert.Contains("Limits:openai:RequestsPerMinute is 0; it must be positive", invalid.Message, StringComparison.Ordinal);
    }
}
