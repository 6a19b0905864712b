using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace PromptGen.Benchmarks;

/// <summary>
/// Cold start to the first completed call: each measurement is the first invocation in a fresh process, and the
/// method builds the whole stack from nothing (service collection and provider, kernel builder, clients) and makes one
/// call over the in-memory transport. So it includes assembly loading, type loading, static initialization, the JIT of
/// every code path on the way (tier 0; the framework's ReadyToRun code is precompiled) and the DI container; it does
/// not include the process start, the runtime's start-up or BenchmarkDotNet's harness (which runs before the timer).
/// </summary>
/// <remarks>
/// The job is fixed by <see cref="ColdStartConfig"/> and ignores the command line's job options (<c>--job</c>,
/// <c>--warmupCount</c>, …): a warm job, or a warm-up count applied to this class, would measure something else.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ColdStartConfig))]
public class ColdStartBenchmarks
{
    private const string Country = "France";
    private static readonly Uri s_openAIBaseUrl = new("http://bench.local/v1/");

    [Benchmark(Description = "Semantic Kernel: kernel builder + prompt function + first call")]
    public async Task<string> SemanticKernel()
    {
        using var http = new HttpClient(Transport());
        var kernel = PeerStacks.Kernel(http, s_openAIBaseUrl);
        var function = kernel.CreateFunctionFromPrompt(
            "What is the capital of {{$country}}?",
            new OpenAIPromptExecutionSettings { ChatSystemPrompt = GeographyPrompts.CapitalSystem });
        var result = await function.InvokeAsync(kernel, new KernelArguments { ["country"] = Country });
        return Check(result.ToString());
    }

    [Benchmark(Baseline = true, Description = "MEAI: AddChatClient + first call")]
    public async Task<string> ChatClient()
    {
        using var http = new HttpClient(Transport());
        var services = new ServiceCollection();
        services.AddChatClient(PeerStacks.ChatClient(http, s_openAIBaseUrl));
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IChatClient>();
        ChatMessage[] messages = [new(ChatRole.System, GeographyPrompts.CapitalSystem), new(ChatRole.User, GeographyPrompts.CapitalUser(Country))];
        return Check((await client.GetResponseAsync(messages)).Text);
    }

    [Benchmark(Description = "PromptGen: AddPromptGen + generated client + first call")]
    public async Task<string> Generated()
    {
        using var provider = PeerStacks.PromptGen(Transport(), s_openAIBaseUrl);
        return Check(await provider.GetRequiredService<IGeography>().CapitalAsync(Country));
    }

    // A literal body, not CannedResponse.OpenAIChat: building it with Utf8JsonWriter would warm up the JSON writer
    // that every SDK uses before the stack under test runs.
    private static CannedHttpHandler Transport() => new(new CannedResponse(CannedHandler.OpenAIBody));

    private static string Check(string answer) =>
        answer == GeographyPrompts.CapitalReply ? answer : throw new InvalidOperationException($"Answered '{answer}', expected '{GeographyPrompts.CapitalReply}'.");

    /// <summary>
    /// One measurement per process (<see cref="RunStrategy.ColdStart"/>: no jitting stage, no pilot, no warm-up, one
    /// invocation), <see cref="Launches"/> processes per row. It replaces the command line's jobs and job options for this
    /// class (<see cref="ConfigUnionRule.AlwaysUseLocal"/>) and keeps its filters; loggers, columns and exporters are the
    /// defaults. Note that BenchmarkDotNet's <c>Allocated</c> comes from an extra invocation after the measured one, so
    /// in this class it is the allocation of a second, warm build-and-call in the same process, not of the cold one.
    /// </summary>
    public sealed class ColdStartConfig : ManualConfig
    {
        /// <summary>Processes per row: about a minute per row on a loaded 2-core VM.</summary>
        public const int Launches = 15;

        public ColdStartConfig()
        {
            UnionRule = ConfigUnionRule.AlwaysUseLocal;
            Add(DefaultConfig.Instance);
            AddDiagnoser(MemoryDiagnoser.Default);
            AddJob(Job.Default
                .WithStrategy(RunStrategy.ColdStart)
                .WithLaunchCount(Launches)
                .WithWarmupCount(0)
                .WithIterationCount(1)
                .WithId("ColdStart"));

            // The default 2-minute build timeout is too short for this project on a loaded machine (see README).
            WithBuildTimeout(TimeSpan.FromMinutes(20));
        }
    }
}
