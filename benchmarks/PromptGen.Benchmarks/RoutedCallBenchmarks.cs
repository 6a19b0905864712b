using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace PromptGen.Benchmarks;

/// <summary>
/// One non-streaming call over an in-memory transport: the raw MEAI client of the official SDK (baseline) against the
/// same call routed by PromptGen (route lookup, attempt timeout, retry and breaker pipelines, error mapping, trace).
/// </summary>
[MemoryDiagnoser]
public class RoutedCallBenchmarks
{
    private static readonly ChatMessage[] s_messages = [new(ChatRole.System, "Answer with the city only."), new(ChatRole.User, "What is the capital of France?")];

    private IChatClient _rawOpenAI = null!;
    private IChatClient _rawAnthropic = null!;
    private ServiceProvider _services = null!;
    private PromptRouter _router = null!;
    private PromptCallOptions _openAI = null!;
    private PromptCallOptions _anthropic = null!;
    private IChatClient _routeOpenAI = null!;
    private IChatClient _routeAnthropic = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var openAIHandler = new CannedHandler(CannedHandler.OpenAIBody);
        var anthropicHandler = new CannedHandler(CannedHandler.AnthropicBody);
        _rawOpenAI = new OpenAI.Chat.ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-bench"), new OpenAIClientOptions
        {
            Endpoint = new Uri("http://bench.local/v1/"),
            RetryPolicy = new ClientRetryPolicy(0),
            Transport = new HttpClientPipelineTransport(new HttpClient(openAIHandler)),
        }).AsIChatClient();
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
            o.Provider("openai").ApiKey = "sk-bench";
            o.Provider("openai").BaseUrl = "http://bench.local/v1";
            o.Provider("anthropic").ApiKey = "sk-bench";
            o.Provider("anthropic").BaseUrl = "http://bench.local";
        }).AddOpenAI().AddAnthropic().UseHttpTransport(new BodyByHostHandler(openAIHandler, anthropicHandler));
        _services = services.BuildServiceProvider();
        _router = _services.GetRequiredService<PromptRouter>();
        _openAI = new PromptCallOptions { Model = "openai/gpt-4o-mini" };
        _anthropic = new PromptCallOptions { Model = "anthropic/claude-haiku-4-5" };
        _routeOpenAI = _router.GetChatClient("openai/gpt-4o-mini");
        _routeAnthropic = _router.GetChatClient("anthropic/claude-haiku-4-5");

        // Every path must parse the canned body to "Paris", or the benchmark would measure a failure path.
        Check("raw OpenAI", (await RawOpenAI()).Text);
        Check("routed OpenAI", (await RoutedOpenAI()).Value.Text);
        Check("OpenAI route client", (await RouteClientOpenAI()).Text);
        Check("raw Anthropic", (await RawAnthropic()).Text);
        Check("routed Anthropic", (await RoutedAnthropic()).Value.Text);
        Check("Anthropic route client", (await RouteClientAnthropic()).Text);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _rawOpenAI.Dispose();
        _rawAnthropic.Dispose();
    }

    [Benchmark(Baseline = true, Description = "OpenAI: raw MEAI IChatClient")]
    public Task<ChatResponse> RawOpenAI() => _rawOpenAI.GetResponseAsync(s_messages);

    [Benchmark(Description = "OpenAI: route's IChatClient (no router)")]
    public Task<ChatResponse> RouteClientOpenAI() => _routeOpenAI.GetResponseAsync(s_messages);

    [Benchmark(Description = "OpenAI: PromptRouter")]
    public Task<PromptResult<ChatResponse>> RoutedOpenAI() => _router.GetResponseAsync(s_messages, _openAI);

    [Benchmark(Description = "Anthropic: raw MEAI IChatClient")]
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

    /// <summary>One transport for the router: Anthropic requests get the Anthropic body, the rest the OpenAI body.</summary>
    private sealed class BodyByHostHandler(CannedHandler openAI, CannedHandler anthropic) : DelegatingHandler
    {
        private readonly HttpMessageInvoker _openAI = new(openAI);
        private readonly HttpMessageInvoker _anthropic = new(anthropic);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath.EndsWith("/messages", StringComparison.Ordinal)
                ? _anthropic.SendAsync(request, cancellationToken)
                : _openAI.SendAsync(request, cancellationToken);
    }
}
