namespace PromptGen.Generators.Tests.Emit;

/// <summary>The generated files for representative interfaces, compared with approved snapshots and compiled warning-free.</summary>
public class SnapshotTests
{
    [Fact]
    public void Travel_guide_client_and_registrations() => Check("TravelGuide", Sources.TravelGuide);

    [Fact]
    public void Template_from_a_file_with_collections_nulls_and_escapes() => Check(
        "TemplateFile",
        """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using PromptGen;

        namespace Files;

        [PromptClient(Model = "anthropic/claude-haiku-4-5")]
        [SystemPrompt("You review {{code}} politely.")]
        internal partial interface IReviewer
        {
            [Prompt(File = "prompts/review.prompt.md")]
            Task<string> ReviewAsync(string code, IEnumerable<string> rules, string? author, DateTimeOffset due, CancellationToken cancellationToken);
        }
        """,
        GeneratorHarness.File("/repo/prompts/review.prompt.md", "Review this code by {author}:\n```\n{code}\n```\nRules:\n{rules}\nDue {due:yyyy-MM-dd}. Braces: {{ and }}."));

    [Fact]
    public void Global_namespace_and_parameter_names_that_collide_with_locals() => Check(
        "Collisions",
        """
        using System.Threading;
        using System.Threading.Tasks;
        using PromptGen;

        [PromptClient]
        public partial interface IGlobal
        {
            [Prompt("{messages} {userPrompt} {builder} {class}")]
            Task<string> AskAsync(string messages, string userPrompt, int builder, string @class, CancellationToken cancellationToken);
        }
        """);

    [Fact]
    public void Resilience_attributes_become_runtime_options() => Check(
        "Resilience",
        """
        using System.Threading;
        using System.Threading.Tasks;
        using PromptGen;

        namespace Resilient;

        [PromptClient(Model = "openai/gpt-4o-mini")]
        [Retry(MaxRetries = 2, BaseDelaySeconds = 0.5)]
        public partial interface ISupport
        {
            [Prompt("Answer the ticket: {ticket}")]
            [Timeout(AttemptSeconds = 20, TotalSeconds = 60)]
            [CircuitBreaker(FailureRatio = 0.25, MinimumThroughput = 4, BreakDurationSeconds = 10)]
            [Escalate(StrongerModel = "anthropic/claude-sonnet-4-5", SwitchModelAfter = 2, AskHumanAfter = 4)]
            Task<string> AnswerAsync(string ticket, CancellationToken cancellationToken);
        }
        """);

    [Fact]
    public void Prompt_examples_are_listed_in_the_catalog() => Check(
        "Examples",
        """"
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using PromptGen;

        namespace Atlas;

        public sealed record City(string Name, long Population);

        [JsonSerializable(typeof(City))]
        [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
        internal sealed partial class AtlasJson : JsonSerializerContext;

        [PromptClient(Model = "openai/gpt-4o-mini")]
        public partial interface IAtlas
        {
            [Prompt("Capital of {country}?")]
            [PromptExample("""{ "country": "France" }""", Expect = """[ { "contains": "Paris" } ]""")]
            Task<string> CapitalAsync(string country, CancellationToken cancellationToken = default);

            [Prompt("Largest city in {country}, as JSON.")]
            [PromptExample("""{ "country": "Japan" }""", Name = "japan", Expect = """[ { "path": "name", "equals": "Tokyo" }, { "path": "population", "atLeast": 1e7 } ]""")]
            [PromptExample("{ \"country\": \"Peru\" }", Name = "peru")]
            Task<PromptResult<City>> LargestCityAsync(string country, CancellationToken cancellationToken = default);
        }
        """");

    [Fact]
    public void Typed_partial_stream_calls_the_executor_with_type_info_rules_options_and_token() => Check(
        "PartialStream",
        """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Threading;
        using PromptGen;

        namespace Streaming;

        public sealed record Recipe(string Title, IReadOnlyList<string> Steps);

        [JsonSerializable(typeof(Recipe))]
        internal sealed partial class RecipeJsonContext : JsonSerializerContext;

        [PromptClient(Model = "openai/gpt-4o-mini")]
        public partial interface IChef
        {
            [Prompt("A recipe for {dish}")]
            [Model("openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"])]
            [RequiredField("steps")]
            [DoesNotContain("peanut")]
            [Reask(MaxReasks = 1)]
            IAsyncEnumerable<PromptPartial<Recipe>> RecipeAsync(string dish, PromptCallOptions? options, CancellationToken cancellationToken);

            [Prompt("Another recipe for {dish}")]
            IAsyncEnumerable<PromptPartial<Recipe>> QuickRecipeAsync(string dish, CancellationToken cancellationToken = default);
        }
        """);

    internal static void Check(string name, string source, params Microsoft.CodeAnalysis.AdditionalText[] files)
    {
        var (output, run) = GeneratorHarness.Run(source, files);
        // PG0005 aside: the travel guide keeps methods without a CancellationToken on purpose, to snapshot the 'default' token path.
        Assert.Empty(GeneratorHarness.GeneratorDiagnostics(run).Where(d => d.Id != "PG0005" && d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        var failures = new List<string>();
        foreach (var (hint, text) in GeneratorHarness.GeneratedSources(run).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            try
            {
                Snapshot.Match(name + "." + hint.Replace(".g.cs", string.Empty, StringComparison.Ordinal), text);
            }
            catch (Xunit.Sdk.XunitException exception)
            {
                failures.Add(exception.Message);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
