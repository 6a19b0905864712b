using System.Text.Json.Serialization;

namespace PromptGen.Generators.IntegrationTests;

public enum Pace
{
    Relaxed,
    Busy,
}

public sealed record Itinerary(string City, IReadOnlyList<string> Stops, Pace Pace, string? Note);

[JsonSerializable(typeof(Itinerary))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
internal sealed partial class TravelJsonContext : JsonSerializerContext;

/// <summary>A prompt client declared the way users write one; its implementation is generated at build time.</summary>
[PromptClient(Model = "openai/gpt-4o-mini")]
[SystemPrompt("You are a concise travel guide.")]
public partial interface ITravelClient
{
    [Prompt("What is the capital of {country}? Answer with the city only.")]
    Task<string> CapitalAsync(string country, CancellationToken cancellationToken = default);

    [Prompt(File = "prompts/itinerary.prompt.md")]
    Task<Itinerary> PlanAsync(string city, int days, IReadOnlyList<string> interests, CancellationToken cancellationToken = default);

    [Prompt(File = "prompts/itinerary.prompt.md")]
    [Model("anthropic/claude-haiku-4-5", MaxOutputTokens = 300)]
    ValueTask<PromptResult<Itinerary>> PlanWithClaudeAsync(string city, int days, IReadOnlyList<string> interests, CancellationToken cancellationToken = default);

    [Prompt("Tell a short story about {topic}.")]
    IAsyncEnumerable<string> StoryAsync(string topic, CancellationToken cancellationToken = default);

    [Prompt("Tell a short story about {topic}.")]
    [Model("openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"])]
    [Timeout(FirstTokenSeconds = 20, IdleSeconds = 5)]
    [Retry(MaxRetries = 1, BaseDelaySeconds = 0, MaxDelaySeconds = 0)]
    PromptStream<string> TellAsync(string topic, PromptCallOptions? options = null, CancellationToken cancellationToken = default);

    [Prompt("What is the capital of {country}? Answer with the city only.")]
    Task<PromptResult<string>> CapitalWithAsync(string country, PromptCallOptions options, CancellationToken cancellationToken = default);

    [Prompt("Rate {city} from {{1}} to {{5}}; the budget is {budget:F2} EUR.")]
    [Model("openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"], Temperature = 0.2)]
    Task<PromptResult<string>> RateAsync(string city, decimal? budget, CancellationToken cancellationToken = default);

    [Prompt("Is {city} worth a visit? Answer yes or no.")]
    [Retry(MaxRetries = 2, BaseDelaySeconds = 0, MaxDelaySeconds = 0)]
    Task<PromptResult<string>> WorthAVisitAsync(string city, CancellationToken cancellationToken = default);

    [Prompt("Name the best-known sight of {city} in a few words.")]
    [NotEmpty]
    [DoesNotContain("as an AI", Message = "Answer directly, without talking about yourself.")]
    [LengthBetween(1, 6, Unit = LengthUnit.Words)]
    [Reask(MaxReasks = 1)]
    Task<PromptResult<string>> BestSightAsync(string city, CancellationToken cancellationToken = default);

    [Prompt(File = "prompts/itinerary.prompt.md")]
    [RequiredField("stops[0]")]
    [MatchesPattern("^[A-Z]")]
    Task<PromptResult<Itinerary>> PlanCheckedAsync(string city, int days, IReadOnlyList<string> interests, CancellationToken cancellationToken = default);

    [Prompt(File = "prompts/itinerary.prompt.md")]
    [Model("openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"])]
    [DoesNotContain("Disneyland", Message = "Plan real sights of the city, no theme parks.")]
    [Reask(MaxReasks = 1)]
    IAsyncEnumerable<PromptPartial<Itinerary>> PlanLiveAsync(string city, int days, IReadOnlyList<string> interests, PromptCallOptions? options = null, CancellationToken cancellationToken = default);

    [Prompt("Which city is shown in {photo}? Compare it with {others} and answer with one name.")]
    Task<string> WhichCityAsync(PromptImage photo, IReadOnlyList<PromptImage> others, CancellationToken cancellationToken = default);
}
