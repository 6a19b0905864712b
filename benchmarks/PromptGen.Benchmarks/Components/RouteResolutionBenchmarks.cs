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
        var chain = _router.ResolveChain("openai/gpt-4o-mini");
        if (chain.Count != 2 || chain[1].Id.Canonical != "anthropic/claude-haiku-4-5")
        {
            throw new InvalidOperationException($"Setup: expected the configured fallback in the chain, got [{string.Join(", ", chain)}].");
        }

        if (_router.Resolve("fast").Id.Canonical != "openai/gpt-4o-mini")
        {
            throw new InvalidOperationException("Setup: alias 'fast' does not resolve to openai/gpt-4o-mini.");
        }
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
