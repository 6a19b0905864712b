using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Benchmarks;

/// <summary>
/// The scale-out stages of the call pipeline (docs/scale-out.md) on the in-memory OpenAI transport: a response-cache hit
/// against the provider call it saves (baseline), and the per-call cost of a request budget — local
/// (<c>WindowRateLimiter</c>, in memory) and shared through a local redis-server (<c>RedisWindowRateLimiter</c>, one Lua
/// script per call).
/// The Redis rows start their own redis-server on a free loopback port (Debian's package; eng/test.sh installs it).
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "BenchmarkDotNet manages the lifetime: [GlobalCleanup] disposes them.")]
public class ScaleOutBenchmarks
{
    private static readonly ChatMessage[] s_messages = [new(ChatRole.System, "Answer with the city only."), new(ChatRole.User, "What is the capital of France?")];

    private readonly List<ServiceProvider> _providers = [];
    private Process? _redis;
    private PromptRouter _plain = null!;
    private PromptRouter _cached = null!;
    private PromptRouter _localBudget = null!;
    private PromptRouter _redisBudget = null!;
    private PromptRouter _redisCached = null!;
    private PromptCallOptions _options = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var port = await StartRedisAsync();
        _options = new PromptCallOptions { Model = "openai/gpt-4o-mini" };
        var big = new ProviderLimitOptions { RequestsPerMinute = int.MaxValue };
        _plain = Router(_ => { });
        _cached = Router(o => o.Cache = new PromptCacheOptions());
        _localBudget = Router(o => o.Limits["openai"] = big);
        _redisBudget = Router(o => o.Limits["openai"] = big, $"127.0.0.1:{port}");
        _redisCached = Router(o => o.Cache = new PromptCacheOptions(), $"127.0.0.1:{port}");

        foreach (var router in new[] { _plain, _cached, _localBudget, _redisBudget, _redisCached })
        {
            var result = await router.GetResponseAsync(s_messages, _options);
            if (result.Value.Text != "Paris")
            {
                throw new InvalidOperationException($"Setup answered '{result.Value.Text}', not Paris.");
            }
        }

        // The cached rows must be hits, or they would measure the provider call.
        if ((await _cached.GetResponseAsync(s_messages, _options)).Trace.Attempts[0].Kind != AttemptKind.Cached
            || (await _redisCached.GetResponseAsync(s_messages, _options)).Trace.Attempts[0].Kind != AttemptKind.Cached)
        {
            throw new InvalidOperationException("The cached rows did not hit the cache.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _redis?.Kill();
        _redis?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Provider call (cache off, no budget)")]
    public Task<PromptResult<ChatResponse>> ProviderCall() => _plain.GetResponseAsync(s_messages, _options);

    [Benchmark(Description = "Cache hit (in memory)")]
    public Task<PromptResult<ChatResponse>> CacheHit() => _cached.GetResponseAsync(s_messages, _options);

    [Benchmark(Description = "Cache hit (over Redis; served by the memory level)")]
    public Task<PromptResult<ChatResponse>> CacheHitRedis() => _redisCached.GetResponseAsync(s_messages, _options);

    [Benchmark(Description = "Provider call + local RPM budget")]
    public Task<PromptResult<ChatResponse>> LocalBudget() => _localBudget.GetResponseAsync(s_messages, _options);

    [Benchmark(Description = "Provider call + shared RPM budget (local Redis)")]
    public Task<PromptResult<ChatResponse>> RedisBudget() => _redisBudget.GetResponseAsync(s_messages, _options);

    private PromptRouter Router(Action<PromptGenOptions> configure, string? redis = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = _ => null;
            o.Provider("openai").ApiKey = "sk-bench";
            o.Provider("openai").BaseUrl = "http://bench.local/v1/";
            configure(o);
        }).AddOpenAI().UseHttpTransport(new CannedHandler(CannedHandler.OpenAIBody));
        if (redis is not null)
        {
            builder.AddRedis(redis);
        }

        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<PromptRouter>();
    }

    private async Task<int> StartRedisAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _redis = Process.Start(start)!;
        while (await _redis.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                _ = _redis.StandardOutput.ReadToEndAsync();
                return port;
            }
        }

        throw new InvalidOperationException("redis-server did not start (apt-get install -y redis-server).");
    }
}
