using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace PromptGen.Benchmarks;

/// <summary>
/// One non-streaming call, side by side with what users already use: the same system prompt and user prompt, rendered
/// from the same typed argument in every row, the same canned answer (<c>Paris</c>), the SDK's retries off everywhere.
/// Over an in-memory handler (CPU and allocations only) and over the simulator on loopback (real sockets). The MEAI
/// <see cref="IChatClient"/> of the official OpenAI SDK is the baseline.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "BenchmarkDotNet manages the lifetime: [GlobalCleanup] disposes them.")]
public class PerCallOverheadBenchmarks
{
    // Only MEAI's telemetry row uses this activity source, so the sampling listener leaves every other row alone.
    private const string MeaiSourceName = "PromptGen.Benchmarks.MEAI";
    private const string PromptGenModel = "openai/gpt-4o-mini";

    // A field, not a constant, so every row renders its prompt at run time as a real caller would.
    private readonly string _country = "France";

    private BenchTransport _transport = null!;
    private RawOpenAIClient _raw = null!;
    private OpenAI.Chat.ChatClient _sdk = null!;
    private IChatClient _chatClient = null!;
    private IChatClient _observedChatClient = null!;
    private ActivityListener _listener = null!;
    private ILoggerFactory _loggerFactory = null!;
    private CountingLoggerProvider _logs = null!;
    private int _activities;
    private Kernel _kernel = null!;
    private KernelFunction _skFunction = null!;
    private ServiceProvider _services = null!;
    private PromptRouter _router = null!;
    private PromptCallOptions _routerOptions = null!;
    private IChatClient _routeClient = null!;
    private IGeography _geography = null!;

    [Params(TransportKind.InMemory, TransportKind.Loopback)]
    public TransportKind Transport { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        await RetryCheck.AssertPeersDoNotRetryAsync();
        _transport = await BenchTransport.StartAsync(Transport, GeographyPrompts.CapitalReply);
        var url = _transport.OpenAIBaseUrl;
        _raw = new RawOpenAIClient(_transport.CreateHttpClient(), url);
        _sdk = PeerStacks.OpenAIChatClient(_transport.CreateHttpClient(), url);
        _chatClient = PeerStacks.ChatClient(_transport.CreateHttpClient(), url);

        // MEAI's middleware doing its real work: activities sampled and recorded, a logger enabled at Debug (the level
        // LoggingChatClient logs each call at) that formats every message and throws the text away.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MeaiSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => Interlocked.Increment(ref _activities),
        };
        ActivitySource.AddActivityListener(_listener);
        _logs = new CountingLoggerProvider(LogLevel.Debug);
        _loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(_logs));
        _observedChatClient = new ChatClientBuilder(PeerStacks.ChatClient(_transport.CreateHttpClient(), url))
            .UseOpenTelemetry(_loggerFactory, MeaiSourceName)
            .UseLogging(_loggerFactory)
            .Build();

        // The system prompt goes in the execution settings (SK inserts it before the rendered user prompt), which
        // keeps the prompt a plain template rather than <message> XML that SK would parse on every call.
        _kernel = PeerStacks.Kernel(_transport.CreateHttpClient(), url);
        _skFunction = _kernel.CreateFunctionFromPrompt(
            "What is the capital of {{$country}}?",
            new OpenAIPromptExecutionSettings { ChatSystemPrompt = GeographyPrompts.CapitalSystem });

        _services = PeerStacks.PromptGen(_transport.CreateHandler(), url);
        _router = _services.GetRequiredService<PromptRouter>();
        _routerOptions = new PromptCallOptions { Model = PromptGenModel };
        _routeClient = _router.GetChatClient(PromptGenModel);
        _geography = _services.GetRequiredService<IGeography>();

        await CheckRowsAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _services.Dispose();
        _chatClient.Dispose();
        _observedChatClient.Dispose();
        _loggerFactory.Dispose();
        _listener.Dispose();
        await _transport.DisposeAsync();
    }

    [Benchmark(Description = "raw HttpClient + System.Text.Json")]
    public Task<string> RawHttp() => _raw.CompleteAsync(GeographyPrompts.CapitalSystem, GeographyPrompts.CapitalUser(_country));

    [Benchmark(Description = "OpenAI SDK ChatClient")]
    public async Task<string> OpenAISdk()
    {
        OpenAI.Chat.ChatMessage[] messages = [new OpenAI.Chat.SystemChatMessage(GeographyPrompts.CapitalSystem), new OpenAI.Chat.UserChatMessage(GeographyPrompts.CapitalUser(_country))];
        var completion = await _sdk.CompleteChatAsync(messages);
        return completion.Value.Content[0].Text;
    }

    [Benchmark(Baseline = true, Description = "MEAI IChatClient")]
    public async Task<string> ChatClient() => (await _chatClient.GetResponseAsync(Messages())).Text;

    [Benchmark(Description = "MEAI + OpenTelemetry + logging")]
    public async Task<string> ObservedChatClient() => (await _observedChatClient.GetResponseAsync(Messages())).Text;

    [Benchmark(Description = "Semantic Kernel prompt function")]
    public async Task<string> SemanticKernel() =>
        (await _skFunction.InvokeAsync(_kernel, new KernelArguments { ["country"] = _country })).ToString();

    [Benchmark(Description = "PromptGen: route's IChatClient (no router)")]
    public async Task<string> RouteClient() => (await _routeClient.GetResponseAsync(Messages())).Text;

    [Benchmark(Description = "PromptGen: PromptRouter")]
    public async Task<string> Router() => (await _router.GetResponseAsync(Messages(), _routerOptions)).Value.Text;

    [Benchmark(Description = "PromptGen: generated client")]
    public Task<string> Generated() => _geography.CapitalAsync(_country);

    private ChatMessage[] Messages() =>
        [new(ChatRole.System, GeographyPrompts.CapitalSystem), new(ChatRole.User, GeographyPrompts.CapitalUser(_country))];

    /// <summary>
    /// Every row must send one request carrying the system prompt before the user prompt and answer "Paris", or the
    /// table would compare different work; the observed row must really have recorded an activity and written logs.
    /// </summary>
    private async Task CheckRowsAsync()
    {
        (string Row, Func<Task<string>> Call)[] rows =
        [
            ("raw HttpClient", RawHttp), ("OpenAI SDK", OpenAISdk), ("MEAI", ChatClient), ("MEAI observed", ObservedChatClient),
            ("Semantic Kernel", SemanticKernel), ("route client", RouteClient), ("PromptRouter", Router), ("generated client", Generated),
        ];
        foreach (var (row, call) in rows)
        {
            var answer = "";
            var bodies = await _transport.CaptureRequestBodiesAsync(async () => answer = await call());
            var system = bodies.Count == 1 ? bodies[0].IndexOf($"\"{GeographyPrompts.CapitalSystem}\"", StringComparison.Ordinal) : -1;
            var user = bodies.Count == 1 ? bodies[0].IndexOf($"\"{GeographyPrompts.CapitalUser(_country)}\"", StringComparison.Ordinal) : -1;
            if (answer != GeographyPrompts.CapitalReply || system < 0 || user < system)
            {
                throw new InvalidOperationException(
                    $"Setup ({Transport}): {row} answered '{answer}' after {bodies.Count} request(s); expected '{GeographyPrompts.CapitalReply}' after one request with the system prompt, then the user prompt. Bodies: {string.Join(" | ", bodies)}");
            }
        }

        if (Volatile.Read(ref _activities) == 0 || _logs.Written == 0)
        {
            throw new InvalidOperationException($"Setup: MEAI's middleware recorded {_activities} activities and {_logs.Written} log messages; expected some of each.");
        }
    }
}
