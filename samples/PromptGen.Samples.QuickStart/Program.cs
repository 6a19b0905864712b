// PromptGen quick start: a typed prompt client, declared as an interface and generated at build time.
// Runs offline on an in-process LLM simulator; set OPENAI_API_KEY or ANTHROPIC_API_KEY to ask a real model instead.
// PROMPTGEN_SAMPLE_TIMING=1 also prints how long the process took to the first answer (benchmarks/aot/measure.sh uses it).
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PromptGen;
using PromptGen.Samples.QuickStart;
using PromptGen.Testing;

var entered = TimeProvider.System.GetTimestamp();

// 1. Choose where the answers come from, and say so.
var provider = Environment.GetEnvironmentVariable("OPENAI_API_KEY") is { Length: > 0 } ? "openai"
    : Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") is { Length: > 0 } ? "anthropic"
    : null;
var model = provider == "anthropic" ? "anthropic/claude-haiku-4-5" : "openai/gpt-4o-mini";

await using var simulator = provider is null ? await StartSimulatorAsync() : null;
Console.WriteLine(simulator is null
    ? $"Using the real {provider} provider, model {model}."
    : $"Using the in-process LLM simulator at {simulator.BaseUrl} (set OPENAI_API_KEY or ANTHROPIC_API_KEY for a real model).");

// 2. Register PromptGen, its providers and the generated client. Keys come from the standard environment variables.
//    The aliases used by [Model] in IGeography are resolved here, at run time.
var services = new ServiceCollection();
services.AddPromptGen(configure: options =>
    {
        options.DefaultModel = model;
        options.Aliases["fast"] = model;
        options.Aliases["flaky"] = $"{provider ?? "openai"}/no-such-model";
        options.Retry = new RetryOptions { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(200) };
        if (simulator is not null)
        {
            options.Provider("openai").BaseUrl = simulator.OpenAIBaseUrl.ToString();
            options.Provider("openai").ApiKey = "simulator";
        }
    })
    .AddOpenAI()
    .AddAnthropic();
services.AddPromptClient<IGeography>();
await using var serviceProvider = services.BuildServiceProvider();
var geography = serviceProvider.GetRequiredService<IGeography>();

// 3. A plain question: the template is rendered by generated code, the answer is a string.
var capital = await geography.CapitalAsync("France");
Console.WriteLine($"\n[1] {capital}");
if (Environment.GetEnvironmentVariable("PROMPTGEN_SAMPLE_TIMING") == "1")
{
    PrintTiming(entered);
}

// 4. A fallback chain declared on the method: the primary fails (offline: a scripted 503, retried once; online: a
//    model that does not exist, which is not worth retrying), so the router hops on. The trace records every attempt.
var colour = await geography.PrimaryColourAsync();
Console.WriteLine($"\n[2] {colour.Value}\n    answered by {colour.ModelId} after {colour.Trace.Fallbacks} fallback hop(s):");
Console.Write(colour.Trace);

// 5. A typed answer: the JSON schema of City was produced at build time and sent as structured output; the reply is
//    deserialized through the source-generated SampleJsonContext (no reflection).
var city = await geography.LargestCityAsync("Japan");
Console.WriteLine($"\n[3] {city.Value.Name}, {city.Value.Country}: population {city.Value.Population:N0}\n    answered by {city.ModelId}");
return 0;

// Time from process start (as the OS records it, to 10 ms on Linux) and from entering Main, to the first answer.
static void PrintTiming(long entered)
{
    using var process = Process.GetCurrentProcess();
    var sinceStart = TimeProvider.System.GetUtcNow() - process.StartTime.ToUniversalTime();
    var sinceMain = TimeProvider.System.GetElapsedTime(entered);
    Console.WriteLine($"    [timing] first answer {sinceStart.TotalMilliseconds:0} ms after process start, {sinceMain.TotalMilliseconds:0} ms after entering Main");
}

// The simulator speaks the OpenAI, Anthropic and Ollama wire formats; these rules script its answers.
static async Task<LlmSimulator> StartSimulatorAsync()
{
    var simulator = await LlmSimulator.StartAsync();
    simulator.Script.When(model: "no-such-model").Fault(SimulatorFault.ServiceUnavailable);
    simulator.Script.When(userContains: "capital of France").Reply("The capital of France is Paris.");
    simulator.Script.When(userContains: "primary colour").Reply("Red.");
    simulator.Script.When(userContains: "as JSON").ReplyJson("""{ "name": "Tokyo", "country": "Japan", "population": 37400000 }""");
    return simulator;
}
