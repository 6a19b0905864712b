using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PromptGen.Testing;

namespace PromptGen.Tests;

/// <summary>A router wired to a real simulator on loopback, with the machine's environment shut out.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    public const string OpenAIKey = "sk-test-openai-PLANTED-0123456789";
    public const string AnthropicKey = "sk-ant-test-PLANTED-9876543210";

    private readonly ServiceProvider _services;

    private TestHost(LlmSimulator simulator, ServiceProvider services, CapturingLoggerProvider logs)
    {
        Simulator = simulator;
        _services = services;
        Logs = logs;
        Router = services.GetRequiredService<PromptRouter>();
    }

    public LlmSimulator Simulator { get; }

    public PromptRouter Router { get; }

    public CapturingLoggerProvider Logs { get; }

    public static async Task<TestHost> StartAsync(
        Action<PromptGenOptions>? configure = null,
        TimeProvider? time = null,
        IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyDictionary<string, string?>? configuration = null,
        bool pointProvidersAtSimulator = true,
        Action<IServiceCollection>? services = null,
        Action<PromptGenBuilder>? promptGen = null)
    {
        var simulator = await LlmSimulator.StartAsync(new LlmSimulatorOptions { TimeProvider = time ?? TimeProvider.System });
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        var logs = new CapturingLoggerProvider();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var config = configuration is null ? null : new ConfigurationBuilder().AddInMemoryCollection(configuration).Build();
        var builder = collection.AddPromptGen(config, o =>
        {
            o.EnvironmentVariables = name => environment?.GetValueOrDefault(name);

            // Foundation tests see one request per failure; the resilience tests switch retries on.
            o.Retry = new RetryOptions { MaxRetries = 0 };
            if (pointProvidersAtSimulator)
            {
                o.Provider("openai").BaseUrl = simulator.OpenAIBaseUrl.ToString();
                o.Provider("openai").ApiKey = OpenAIKey;
                o.Provider("anthropic").BaseUrl = simulator.AnthropicBaseUrl.ToString();
                o.Provider("anthropic").ApiKey = AnthropicKey;
            }

            configure?.Invoke(o);
        }).AddOpenAI().AddAnthropic();
        promptGen?.Invoke(builder);
        return new TestHost(simulator, collection.BuildServiceProvider(), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

/// <summary>Collects every formatted log line, to prove what is (and is not) logged.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <summary>Completes when a line matching <paramref name="match"/> has been logged (now or earlier), counting matches.</summary>
    public Task WaitForAsync(Func<string, bool> match, int count = 1)
    {
        lock (_waiters)
        {
            if (_lines.Count(match) >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var seen = _lines.Count(match);
            _waiters.Add((line => match(line) && ++seen >= count, done));
            return done.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    private void Add(string line)
    {
        lock (_waiters)
        {
            _lines.Enqueue(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}
