namespace PromptGen.Generators.Tests;

/// <summary>Declarations the tests feed to the generator.</summary>
internal static class Sources
{
    public const string TravelGuide = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using PromptGen;

        namespace Travel;

        public enum Budget { Low, Medium, High }

        public sealed record CityInfo(string Name, int Population, IReadOnlyList<string> Sights, string? Motto, Budget Budget, double? Rating);

        [JsonSerializable(typeof(CityInfo))]
        [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
        internal sealed partial class TravelJsonContext : JsonSerializerContext;

        [PromptClient(Model = "openai/gpt-4o-mini")]
        public partial interface ITravelGuide
        {
            [SystemPrompt("You are a concise travel guide.")]
            [Prompt("What is the capital of {country}? Answer with the city only.")]
            [Model("openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"], Temperature = 0.2)]
            Task<string> CapitalOfAsync(string country, CancellationToken cancellationToken = default);

            [Prompt("Describe {city} in {words:D} words. Sights: {sights}")]
            Task<CityInfo> DescribeAsync(string city, int words, IReadOnlyList<string> sights, CancellationToken cancellationToken = default);

            [Prompt("Tell a story about {topic}")]
            IAsyncEnumerable<string> StoryAsync(string topic, CancellationToken cancellationToken = default);

            [Prompt("Summarize {text}")]
            Task<PromptResult<string>> SummarizeAsync(string text, CancellationToken cancellationToken = default);

            [Prompt("Rate {city} {{1-5}} with max {limit:N1}")]
            [Model("anthropic/claude-haiku-4-5", MaxOutputTokens = 200)]
            ValueTask<PromptResult<CityInfo>> RateAsync(string? city, double? limit);

            [Prompt("Constant prompt")]
            ValueTask<string> PingAsync();
        }
        """;
}
