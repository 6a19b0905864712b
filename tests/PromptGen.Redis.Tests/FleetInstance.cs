using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PromptGen.Generated;
using PromptGen.Testing;

namespace PromptGen.Redis.Tests;

/// <summary>One instance of a fleet: its own service provider (router, executor, response cache, Redis connection) on a shared simulator and Redis.</summary>
internal sealed class FleetInstance : IAsyncDisposable
{
    public const string PlantedKey = "sk-test-openai-PLANTED-4242424242";

    private readonly ServiceProvider _services;

    private FleetInstance(ServiceProvider services, Logs logs)
    {
        _services = services;
        Logs = logs;
        Router = services.GetRequiredService<PromptRouter>();
        Executor = services.GetRequiredService<PromptExecutor>();
    }

    public PromptRouter Router { get; }

    public PromptExecutor Executor { get; }

    public Logs Logs { get; }

    /// <summary>Gets this instance's view of the fleet (open routes, learned through Redis pub/sub).</summary>
    internal RedisFleetCoordinator Fleet => (RedisFleetCoordinator)_services.GetRequiredService<FleetCoordinator>();

    /// <summary>A task that completes when this instance next learns something about <paramref name="route"/> from the fleet.</summary>
    internal Task LearnsAsync(string route)
    {
        var learned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Fleet.Learned += r =>
        {
            if (r == route)
            {
                learned.TrySetResult();
            }
        };
        return learned.Task;
    }

    public static FleetInstance Start(LlmSimulator simulator, string redis, Action<PromptGenOptions>? configure = null, TimeProvider? time = null)
    {
        var collection = new ServiceCollection();
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        var logs = new Logs();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(logs));
        collection.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = _ => null;
            o.Retry = new RetryOptions { MaxRetries = 0 };
            o.Provider("openai").BaseUrl = simulator.OpenAIBaseUrl.ToString();
            o.Provider("openai").ApiKey = PlantedKey;
            o.Provider("anthropic").BaseUrl = simulator.AnthropicBaseUrl.ToString();
            o.Provider("anthropic").ApiKey = PlantedKey + "-anthropic";
            configure?.Invoke(o);
        }).AddOpenAI().AddAnthropic().AddRedis(redis);
        return new FleetInstance(collection.BuildServiceProvider(), logs);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>Every formatted log line, to prove the outage warning.</summary>
internal sealed class Logs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(Logs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
