using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Benchmarks;

/// <summary>Model id → route. llm_call's target was under 50 ms; a cached route should cost nanoseconds and allocate nothing.</summary>
[MemoryDiagnoser]
public class RouteResolutionBenchmarks
{
    private ServiceProvider _services = null!;
    private PromptRouter _router = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = _ => null;
            o.Provider("openai").ApiKey = "sk-bench";
            o.Provider("anthropic").ApiKey = "sk-bench";
            o.Aliases["fast"] = "openai/gpt-4o-mini";
            o.Fallbacks["openai/gpt-4o-mini"] = ["anthropic/claude-haiku-4-5"];
        }).AddOpenAI().AddAnthropic();
        _services = services.BuildServiceProvider();
        _router = _services.GetRequiredService<PromptRouter>();
        _router.ResolveChain("openai/gpt-4o-mini");
        _router.Resolve("fast");
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "Resolve cached id")]
    public ModelRoute ResolveCached() => _router.Resolve("openai/gpt-4o-mini");

    [Benchmark(Description = "Resolve cached alias")]
    public ModelRoute ResolveAlias() => _router.Resolve("fast");

    [Benchmark(Description = "ResolveChain cached (with configured fallback)")]
    public IReadOnlyList<ModelRoute> ResolveChain() => _router.ResolveChain("openai/gpt-4o-mini");

    [Benchmark(Description = "ModelId.Parse (uncached parse)")]
    public ModelId Parse() => ModelId.Parse("openrouter/meta-llama/llama-3.3-70b");
}
