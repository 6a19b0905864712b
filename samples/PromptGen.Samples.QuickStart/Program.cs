// PromptGen quick start: three questions through the PromptRouter.
// Runs offline on an in-process LLM simulator; set OPENAI_API_KEY or ANTHROPIC_API_KEY to ask a real model instead.
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PromptGen;
using PromptGen.Testing;

// 1. Choose where the answers come from, and say so.
var provider = Environment.GetEnvironmentVariable("OPENAI_API_KEY") is { Length: > 0 } ? "openai"
    : Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") is { Length: > 0 } ? "anthropic"
    : null;
var model = provider == "anthropic" ? "anthropic/claude-haiku-4-5" : "openai/gpt-4o-mini";
var missingModel = $"{provider ?? "openai"}/no-such-model";

await using var simulator = provider is null ? await StartSimulatorAsync() : null;
Console.WriteLine(simulator is null
    ? $"Using the real {provider} provider, model {model}."
    : $"Using the in-process LLM simulator at {simulator.BaseUrl} (set OPENAI_API_KEY or ANTHROPIC_API_KEY for a real model).");

// 2. Register PromptGen and its providers. Keys come from the standard environment variables.
var services = new ServiceCollection();
services.AddPromptGen(configure: options =>
    {
        options.DefaultModel = model;
        if (simulator is not null)
        {
            options.Provider("openai").BaseUrl = simulator.OpenAIBaseUrl.ToString();
            options.Provider("openai").ApiKey = "simulator";
        }
    })
    .AddOpenAI()
    .AddAnthropic();
await using var serviceProvider = services.BuildServiceProvider();
var router = serviceProvider.GetRequiredService<PromptRouter>();

// 3. A plain question, to the default model.
var plain = await router.GetResponseAsync([new(ChatRole.User, "What is the capital of France? Answer in one sentence.")]);
Console.WriteLine($"\n[1] {plain.Value.Text}\n    answered by {plain.ModelId}");

// 4. A fallback chain: the primary fails (offline: a scripted 503, retried once; online: a model that does not
//    exist, which is not worth retrying), so the router hops to the next model. The trace records every attempt.
var hopped = await router.GetResponseAsync(
    [new(ChatRole.User, "Name one primary colour, in one word.")],
    new PromptCallOptions
    {
        Model = missingModel,
        Fallbacks = [model],
        Retry = new RetryOptions { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(200) },
    });
Console.WriteLine($"\n[2] {hopped.Value.Text}\n    answered by {hopped.ModelId} after {hopped.Trace.Fallbacks} fallback hop(s):");
Console.Write(hopped.Trace);

// 5. A JSON answer, shaped by the schema of a C# type.
var json = await router.GetResponseAsync(
    [new(ChatRole.User, "Give the name, country and population of the largest city in Japan, as JSON.")],
    new PromptCallOptions { ChatOptions = new() { ResponseFormat = ChatResponseFormat.ForJsonSchema<City>() } });
var city = JsonSerializer.Deserialize<City>(json.Value.Text, JsonSerializerOptions.Web)!;
Console.WriteLine($"\n[3] {city.Name}, {city.Country}: population {city.Population:N0}\n    answered by {json.ModelId}");
return 0;

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

internal sealed record City(string Name, string Country, long Population);
