using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace PromptGen.Benchmarks;

/// <summary>
/// The resilience path with an in-memory client (no HTTP): a bare Polly retry + breaker pipeline around the client
/// (baseline) vs PromptRouter (the same strategies plus routing, attempt timeout, error mapping and trace), and the cost
/// of a call whose primary circuit is open (rejected without a request, answered by the fallback).
/// </summary>
[MemoryDiagnoser]
public class ResilienceBenchmarks : IDisposable
{
    private static readonly ChatMessage[] s_messages = [new(ChatRole.User, "ping")];

    private InstantClient _client = null!;
    private ResiliencePipeline _bare = null!;
    private ServiceProvider _services = null!;
    private PromptRouter _router = null!;
    private PromptCallOptions _happy = null!;
    private PromptCallOptions _open = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _client = new InstantClient();
        _bare = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3, ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is PromptGenException { IsTransient: true }) })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions { ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is PromptGenException { IsTransient: true }) })
            .Build();
        var services = new ServiceCollection();
        services.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = _ => null;
            o.CircuitBreaker = new CircuitBreakerOptions { MinimumThroughput = 2, BreakDuration = TimeSpan.FromHours(1) };
        })
            .AddChatClient("local/instant", _client)
            .AddChatClient("local/down", new DownClient());
        _services = services.BuildServiceProvider();
        _router = _services.GetRequiredService<PromptRouter>();
        _happy = new PromptCallOptions { Model = "local/instant" };
        _open = new PromptCallOptions { Model = "local/down", Fallbacks = ["local/instant"], Retry = new RetryOptions { MaxRetries = 0 } };
        for (var i = 0; i < 2; i++)
        {
            await _router.GetResponseAsync(s_messages, _open);
        }

        if (_router.GetCircuitStatus("local/down") != CircuitStatus.Open)
        {
            throw new InvalidOperationException("Setup failed to open the circuit.");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _services?.Dispose();
        _client?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "Bare Polly retry + breaker around the client")]
    public ValueTask<ChatResponse> BarePolly() =>
        _bare.ExecuteAsync(static (client, ct) => new ValueTask<ChatResponse>(client.GetResponseAsync(s_messages, null, ct)), _client, CancellationToken.None);

    [Benchmark(Description = "PromptRouter, happy path")]
    public Task<PromptResult<ChatResponse>> Router() => _router.GetResponseAsync(s_messages, _happy);

    [Benchmark(Description = "PromptRouter, primary circuit open → fallback")]
    public Task<PromptResult<ChatResponse>> CircuitOpen() => _router.GetResponseAsync(s_messages, _open);

    private sealed class InstantClient : IChatClient
    {
        private readonly Task<ChatResponse> _answer = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "pong")));

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => _answer;

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield return new ChatResponseUpdate(ChatRole.Assistant, "pong");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class DownClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromException<ChatResponse>(new ProviderUnavailableException("down"));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new ProviderUnavailableException("down");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
