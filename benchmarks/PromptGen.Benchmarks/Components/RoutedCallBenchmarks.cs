using Anthropic;
using Anthropic.Core;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Benchmarks;

/// <summary>
/// One non-streaming call to Anthropic over an in-memory transport: the raw MEAI client of the official Anthropic SDK
/// (baseline) against the same call routed by PromptGen (route lookup, attempt timeout, retry and breaker pipelines,
/// error mapping, trace). The OpenAI pair, with the other peers beside it, is <see cref="PerCallOverheadBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class RoutedCallBenchmarks
{
    private static readonly ChatMessage[] s_messages = [new(ChatRole.System, "Answer with the city only."), new(ChatRole.User, "What is the capital of France?")];

    private IChatClient _rawAnthropic = null!;
    private ServiceProvider _services = null!;
    private PromptRouter _router = null!;
    private PromptCallOptions _anthropic = null!;
    private IChatClient _routeAnthropic = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var anthropicHandler = new CannedHandler(CannedHandler.AnthropicBody);
        _rawAnthropic = new AnthropicClient(new ClientOptions
        {
            BaseUrl = "http://bench.local",
            ApiKey = "sk-bench",
            MaxRetries = 0,
            HttpClient = new HttpClient(anthropicHandler),
        }).AsIChatClient("claude-haiku-4-5", 1024);

        var services = new ServiceCollection();
        services.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = _ => null;
            o.Provider("anthropic").ApiKey = "sk-bench";
            o.Provider("anthropic").BaseUrl = "http://bench.local";
        }).AddAnthropic().UseHttpTransport(anthropicHandler);
        _services = services.BuildServiceProvider();
        _router = _services.GetRequiredService<PromptRouter>();
        _anthropic = new PromptCallOptions { Model = "anthropic/claude-haiku-4-5" };
        _routeAnthropic = _router.GetChatClient("anthropic/claude-haiku-4-5");

        // Every path must parse the canned body to "Paris", or the benchmark would measure a failure path.
        Check("raw Anthropic", (await RawAnthropic()).Text);
        Check("routed Anthropic", (await RoutedAnthropic()).Value.Text);
        Check("Anthropic route client", (await RouteClientAnthropic()).Text);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _rawAnthropic.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Anthropic: raw MEAI IChatClient")]
    public Task<ChatResponse> RawAnthropic() => _rawAnthropic.GetResponseAsync(s_messages);

    [Benchmark(Description = "Anthropic: route's IChatClient (no router)")]
    public Task<ChatResponse> RouteClientAnthropic() => _routeAnthropic.GetResponseAsync(s_messages);

    [Benchmark(Description = "Anthropic: PromptRouter")]
    public Task<PromptResult<ChatResponse>> RoutedAnthropic() => _router.GetResponseAsync(s_messages, _anthropic);

    private static void Check(string path, string text)
    {
        if (text != "Paris")
        {
            throw new InvalidOperationException($"Setup: {path} answered '{text}', expected 'Paris'.");
        }
    }
}
