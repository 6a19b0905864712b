using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.CircuitBreaker;
using Polly.Fallback;
using Polly.Retry;

namespace PromptGen.Benchmarks;

/// <summary>
/// The resilience path with an in-memory client (no HTTP), in pairs whose baseline is the same Polly v8 strategies bare:
/// the happy path (a bare retry + breaker pipeline vs PromptRouter, which adds routing, attempt timeout, error mapping
/// and trace), a call whose primary circuit is open and a fallback answers, and the open circuit's rejection alone.
/// The failure paths with waits (one retry, exhausted retries) are in <see cref="ResilienceRetryBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ResilienceBenchmarks : IDisposable
{
    private const string Happy = "happy path";
    private const string OpenFallback = "circuit open → fallback";
    private const string OpenRejected = "circuit open, rejected";

    private static readonly ChatMessage[] s_messages = [new(ChatRole.User, "ping")];

    private InstantChatClient _client = null!;
    private DownClient _down = null!;
    private ResiliencePipeline _bare = null!;
    private ResiliencePipeline<ChatResponse> _bareFallback = null!;
    private ResiliencePipeline _bareOpen = null!;
    private CircuitBreakerStateProvider _bareFallbackState = null!;
    private CircuitBreakerStateProvider _bareOpenState = null!;
    private ServiceProvider _services = null!;
    private PromptRouter _router = null!;
    private PromptCallOptions _happy = null!;
    private PromptCallOptions _open = null!;
    private PromptCallOptions _openNoFallback = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _client = new InstantChatClient();
        _bare = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3, ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is PromptGenException { IsTransient: true }) })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions { ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is PromptGenException { IsTransient: true }) })
            .Build();

        // Bare Polly with an open circuit, as PromptRouter's primary route has it below (retries off, the breaker opened
        // by two failures, an hour's break): one pipeline whose fallback strategy calls the instant client through the
        // bare pipeline above, and one that only rejects.
        _down = new DownClient();
        _bareFallbackState = new CircuitBreakerStateProvider();
        _bareFallback = new ResiliencePipelineBuilder<ChatResponse>()
            .AddFallback(new FallbackStrategyOptions<ChatResponse>
            {
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is BrokenCircuitException or PromptGenException { IsTransient: true }),
                FallbackAction = async args => Outcome.FromResult(await BarePolly()),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ChatResponse>
            {
                MinimumThroughput = 2,
                BreakDuration = TimeSpan.FromHours(1),
                StateProvider = _bareFallbackState,
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is PromptGenException { IsTransient: true }),
            })
            .Build();
        _bareOpenState = new CircuitBreakerStateProvider();
        _bareOpen = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                MinimumThroughput = 2,
                BreakDuration = TimeSpan.FromHours(1),
                StateProvider = _bareOpenState,
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is PromptGenException { IsTransient: true }),
            })
            .Build();

        var services = new ServiceCollection();
        services.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = _ => null;
            o.CircuitBreaker = new CircuitBreakerOptions { MinimumThroughput = 2, BreakDuration = TimeSpan.FromHours(1) };
        })
            .AddChatClient("local/instant", _client)
            .AddChatClient("local/down", _down);
        _services = services.BuildServiceProvider();
        _router = _services.GetRequiredService<PromptRouter>();
        _happy = new PromptCallOptions { Model = "local/instant" };
        _open = new PromptCallOptions { Model = "local/down", Fallbacks = ["local/instant"], Retry = new RetryOptions { MaxRetries = 0 } };
        _openNoFallback = new PromptCallOptions { Model = "local/down", Retry = new RetryOptions { MaxRetries = 0 } };
        for (var i = 0; i < 2; i++)
        {
            await _router.GetResponseAsync(s_messages, _open);
            await _bareFallback.ExecuteAsync(static (client, ct) => new ValueTask<ChatResponse>(client.GetResponseAsync(s_messages, null, ct)), _down, CancellationToken.None);
            try
            {
                await _bareOpen.ExecuteAsync(static (client, ct) => new ValueTask<ChatResponse>(client.GetResponseAsync(s_messages, null, ct)), _down, CancellationToken.None);
            }
            catch (ProviderUnavailableException)
            {
                // Opening the circuit.
            }
        }

        if (_router.GetCircuitStatus("local/down") != CircuitStatus.Open || _bareFallbackState.CircuitState != CircuitState.Open || _bareOpenState.CircuitState != CircuitState.Open)
        {
            throw new InvalidOperationException("Setup failed to open the circuits.");
        }

        // Every row answers what it claims, and no open-circuit row reaches the down client.
        var downCalls = _down.Calls;
        Check((await BarePolly()).Text == "pong" && (await Router()).Value.Text == "pong", "happy path");
        Check((await BarePollyCircuitOpen()).Text == "pong" && (await CircuitOpen()) is { ModelId: "local/instant", Value.Text: "pong" }, "open circuit → fallback");
        Check(await BarePollyRejected() is BrokenCircuitException && await RouterRejected() is CircuitOpenException, "open circuit rejection");
        Check(_down.Calls == downCalls, "the down client was called through an open circuit");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _services?.Dispose();
        _client?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "Bare Polly retry + breaker around the client")]
    [BenchmarkCategory(Happy)]
    public ValueTask<ChatResponse> BarePolly() =>
        _bare.ExecuteAsync(static (client, ct) => new ValueTask<ChatResponse>(client.GetResponseAsync(s_messages, null, ct)), _client, CancellationToken.None);

    [Benchmark(Description = "PromptRouter, happy path")]
    [BenchmarkCategory(Happy)]
    public Task<PromptResult<ChatResponse>> Router() => _router.GetResponseAsync(s_messages, _happy);

    [Benchmark(Baseline = true, Description = "Bare Polly: breaker open → fallback strategy → bare pipeline")]
    [BenchmarkCategory(OpenFallback)]
    public ValueTask<ChatResponse> BarePollyCircuitOpen() =>
        _bareFallback.ExecuteAsync(static (client, ct) => new ValueTask<ChatResponse>(client.GetResponseAsync(s_messages, null, ct)), _down, CancellationToken.None);

    [Benchmark(Description = "PromptRouter, primary circuit open → fallback")]
    [BenchmarkCategory(OpenFallback)]
    public Task<PromptResult<ChatResponse>> CircuitOpen() => _router.GetResponseAsync(s_messages, _open);

    [Benchmark(Baseline = true, Description = "Bare Polly: breaker open, BrokenCircuitException caught")]
    [BenchmarkCategory(OpenRejected)]
    public async Task<Exception?> BarePollyRejected()
    {
        try
        {
            await _bareOpen.ExecuteAsync(static (client, ct) => new ValueTask<ChatResponse>(client.GetResponseAsync(s_messages, null, ct)), _down, CancellationToken.None);
            return null;
        }
        catch (BrokenCircuitException error)
        {
            return error;
        }
    }

    [Benchmark(Description = "PromptRouter, circuit open, no fallback: CircuitOpenException caught")]
    [BenchmarkCategory(OpenRejected)]
    public async Task<Exception?> RouterRejected()
    {
        try
        {
            await _router.GetResponseAsync(s_messages, _openNoFallback);
            return null;
        }
        catch (CircuitOpenException error)
        {
            return error;
        }
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"Setup: {what} did not behave as the row claims.");
        }
    }

    private sealed class DownClient : IChatClient
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromException<ChatResponse>(new ProviderUnavailableException("down"));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new ProviderUnavailableException("down");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
