using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace PromptGen.Benchmarks;

/// <summary>
/// Measurements BenchmarkDotNet cannot make, run with <c>--probe</c> instead of a benchmark filter:
/// <list type="bullet">
/// <item><c>--probe calls &lt;scenario&gt; &lt;n&gt;</c>: 2,000 warm-up calls, then <c>n</c> calls of one scenario over an
/// in-memory client, and nothing else, so <c>benchmarks/instructions.sh</c> can count the instructions per call under
/// valgrind (deterministic, unlike time on a shared VM). Scenarios: <c>meai</c> (the client itself, prompt rendered by
/// interpolation), <c>polly</c> (bare Polly retry + breaker around it), <c>router</c> (<see cref="PromptRouter"/>),
/// <c>generated</c> (the generated <see cref="IInstantGeography"/> client); and the components of Probes.Components.cs
/// (template rendering and lenient JSON beside their peers).</item>
/// <item><c>--probe load &lt;raw|generated&gt; &lt;n&gt; &lt;openai base url&gt;</c>: <c>n</c> calls, 32 in flight, to a simulator
/// in another process (<c>promptgen simulate</c>), printing CPU time and allocation per call: the floor the .NET HTTP stack
/// and the OpenAI SDK set for <c>promptgen test</c> on the same machine.</item>
/// </list>
/// </summary>
internal static partial class Probes
{
    private static readonly ChatMessage[] s_ping = [new(ChatRole.User, "ping")];

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["--probe", "calls", var scenario, var count]:
                await CallsAsync(scenario, int.Parse(count, CultureInfo.InvariantCulture));
                return 0;
            case ["--probe", "json-stages", var stages]:
                JsonStages(int.Parse(stages, CultureInfo.InvariantCulture));
                return 0;
            case ["--probe", "stream", var scenario, var count]:
                await StreamAsync(scenario, int.Parse(count, CultureInfo.InvariantCulture));
                return 0;
            case ["--probe", "load", var kind, var count, var baseUrl]:
                await LoadAsync(kind, int.Parse(count, CultureInfo.InvariantCulture), new Uri(baseUrl));
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: --probe calls <meai|polly|router|generated> <n> | --probe load <raw|generated> <n> <openai base url>");
                return 2;
        }
    }

    private static async Task CallsAsync(string scenario, int count)
    {
        if (Component(scenario) is { } component)
        {
            // Synchronous component scenarios (template rendering, lenient JSON): the same warm-up, no client.
            for (var i = 0; i < 2000 + count; i++)
            {
                component();
            }

            return;
        }

        var client = new InstantChatClient(GeographyPrompts.CapitalReply);
        var bare = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3, ShouldHandle = static a => new ValueTask<bool>(a.Outcome.Exception is PromptGenException { IsTransient: true }) })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions { ShouldHandle = static a => new ValueTask<bool>(a.Outcome.Exception is PromptGenException { IsTransient: true }) })
            .Build();
        var services = new ServiceCollection();
        services.AddPromptGen(configure: o => o.EnvironmentVariables = _ => null).AddChatClient("local/instant", client);
        services.AddPromptClient<IInstantGeography>();
        await using var provider = services.BuildServiceProvider();
        var router = provider.GetRequiredService<PromptRouter>();
        var generated = provider.GetRequiredService<IInstantGeography>();
        var options = new PromptCallOptions { Model = "local/instant" };
        var country = "France";
        Func<Task> call = scenario switch
        {
            "meai" => async () => _ = (await client.GetResponseAsync([new(ChatRole.System, GeographyPrompts.CapitalSystem), new(ChatRole.User, GeographyPrompts.CapitalUser(country))])).Text,
            "polly" => async () => await bare.ExecuteAsync(static (c, ct) => new ValueTask<ChatResponse>(c.GetResponseAsync(s_ping, null, ct)), client, CancellationToken.None),
            "router" => async () => await router.GetResponseAsync(s_ping, options),
            "generated" => async () => _ = await generated.CapitalAsync(country),
            _ => throw new ArgumentException($"Unknown scenario '{scenario}': use meai, polly, router or generated."),
        };
        for (var i = 0; i < 2000 + count; i++)
        {
            await call();
        }
    }

    private static async Task StreamAsync(string scenario, int count)
    {
        var bench = new StreamingBenchmarks();
        await bench.Setup();
        var exceptions = 0;
        AppDomain.CurrentDomain.FirstChanceException += (_, _) => Interlocked.Increment(ref exceptions);
        Func<Task<string>> call = scenario switch
        {
            "meai" => bench.Meai,
            "router" => bench.Router,
            "generated" => bench.Generated,
            "sdk" => bench.OpenAISdk,
            _ => throw new ArgumentException($"Unknown scenario '{scenario}'."),
        };
        for (var i = 0; i < 200; i++)
        {
            await call();
        }

        exceptions = 0;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await call();
        }

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{scenario}: {count} streamed calls, {elapsed.TotalMicroseconds / count:F0} us/call, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / count:F1} KB/call, {exceptions / (double)count:F2} first-chance exceptions/call"));
        await bench.DisposeAsync();
    }

    private static async Task LoadAsync(string kind, int count, Uri baseUrl)
    {
        var services = new ServiceCollection();
        services.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = _ => null;
            o.Provider("openai").ApiKey = PeerStacks.ApiKey;
            o.Provider("openai").BaseUrl = baseUrl.ToString().TrimEnd('/');
        }).AddOpenAI();
        services.AddPromptClient<ILoadProbe>();
        await using var provider = services.BuildServiceProvider();
        var generated = provider.GetRequiredService<ILoadProbe>();
        using var raw = new OpenAI.Chat.ChatClient(PeerStacks.Model, new ApiKeyCredential(PeerStacks.ApiKey), new OpenAIClientOptions
        {
            Endpoint = baseUrl,
            RetryPolicy = new ClientRetryPolicy(0),
            Transport = new HttpClientPipelineTransport(new HttpClient(new SocketsHttpHandler())),
        }).AsIChatClient();
        Func<int, Task> call = kind switch
        {
            "raw" => async i => await raw.GetResponseAsync([new ChatMessage(ChatRole.User, $"Question {i}: capital of France?")]),
            "generated" => async i => await generated.AskAsync(i),
            _ => throw new ArgumentException($"Unknown kind '{kind}': use raw or generated."),
        };

        await Run(200);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = TimeProvider.System.GetTimestamp();
        await Run(count);
        process.Refresh();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{kind}: {count} calls, 32 in flight, {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F2} s, {(process.TotalProcessorTime - cpu).TotalMilliseconds / count:F3} ms CPU/call, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / count:F1} KB/call"));

        async Task Run(int n)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < n)
                {
                    await call(i);
                }
            }));
        }
    }
}

/// <summary>The <c>generated</c> probe scenario: the per-call benchmark's prompt on an in-memory model.</summary>
[PromptClient(Model = "local/instant")]
[SystemPrompt(GeographyPrompts.CapitalSystem)]
public partial interface IInstantGeography
{
    [Prompt(GeographyPrompts.CapitalTemplate)]
    Task<string> CapitalAsync(string country, CancellationToken cancellationToken = default);
}

/// <summary>The <c>load</c> probe's prompt: the same text the <c>promptgen test</c> measurement suite sends.</summary>
[PromptClient(Model = "openai/gpt-4o-mini")]
public partial interface ILoadProbe
{
    [Prompt("Question {i}: capital of France?")]
    Task<string> AskAsync(int i, CancellationToken cancellationToken = default);
}
