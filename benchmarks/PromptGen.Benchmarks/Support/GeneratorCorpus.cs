using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PromptGen.Benchmarks;

/// <summary>
/// A synthetic project for <see cref="GeneratorBenchmarks"/>: 200 <c>[PromptClient]</c> interfaces, one per syntax tree,
/// four methods each (text, <c>PromptResult&lt;string&gt;</c>, streaming, and on every other interface a JSON result
/// through a shared <c>JsonSerializerContext</c>), with formats and a collection in the templates; plus one model file
/// and one unrelated file. Built in code so the benchmark needs no files on disk.
/// </summary>
internal static class GeneratorCorpus
{
    public const int InterfaceCount = 200;

    /// <summary>The interface <see cref="GeneratorBenchmarks"/> edits.</summary>
    public const int EditedInterface = 100;

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private const int ModelTypes = 10;

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        // What a consumer app compiles against: the framework, PromptGen (attributes, runtime surface) and MEAI.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && string.Equals(Path.GetDirectoryName(p), runtime, StringComparison.Ordinal));
        var libraries = new[] { typeof(PromptClientAttribute), typeof(PromptRouter), typeof(Microsoft.Extensions.AI.ChatMessage) }
            .Select(t => t.Assembly.Location);
        return [.. framework.Concat(libraries).Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static CSharpCompilation Compilation(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            "Corpus",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>Every tree of the corpus: the interfaces, then the model file, then the unrelated file (version 0).</summary>
    public static IEnumerable<SyntaxTree> Trees()
    {
        for (var i = 0; i < InterfaceCount; i++)
        {
            yield return Parse(Interface(i, edited: false), InterfacePath(i));
        }

        yield return Parse(Models(), "/corpus/Models.cs");
        yield return Parse(Unrelated(0), UnrelatedPath);
    }

    public const string UnrelatedPath = "/corpus/Unrelated.cs";

    public static string InterfacePath(int i) => string.Create(CultureInfo.InvariantCulture, $"/corpus/Client{i:D3}.cs");

    /// <summary>One interface; <paramref name="edited"/> changes the wording of its first template (a real edit).</summary>
    public static string Interface(int i, bool edited)
    {
        var summarize = edited ? "Summarise" : "Summarize";
        const string EscapedBraces = "{{braces}}";
        var json = i % 2 == 0
            ? string.Create(CultureInfo.InvariantCulture, $$"""

                    [Prompt("Plan {days:D2} days in {city} under {budget:F2} EUR. Must see:\n{places}")]
                    [Model("anthropic/claude-haiku-4-5", MaxOutputTokens = 400)]
                    Task<Corpus.Models.Answer{{i % ModelTypes}}> PlanAsync(string city, int days, decimal budget, IReadOnlyList<string> places, CancellationToken cancellationToken = default);

                """)
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $$"""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using PromptGen;

            namespace Corpus.Area{{i / 20}};

            [PromptClient(Model = "openai/gpt-4o-mini")]
            [SystemPrompt("You are assistant number {{i}}. Be brief.")]
            public partial interface IClient{{i:D3}}
            {
                [Prompt("{{summarize}} {text} in {words:D} words.")]
                Task<string> SummarizeAsync(string text, int words, CancellationToken cancellationToken = default);

                [Prompt("Translate {text} into {language}; keep {{EscapedBraces}} as they are.")]
                [Model("openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"], Temperature = 0.2)]
                Task<PromptResult<string>> TranslateAsync(string text, string language, CancellationToken cancellationToken = default);

                [Prompt("Tell a story about {topic} in at most {limit:N0} characters.")]
                IAsyncEnumerable<string> StoryAsync(string topic, long limit, CancellationToken cancellationToken = default);
            {{json}}}
            """);
    }

    /// <summary>The JSON result types and their <c>JsonSerializerContext</c>.</summary>
    public static string Models()
    {
        var records = string.Concat(Enumerable.Range(0, ModelTypes).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"public sealed record Answer{i}(string Title, int Days, IReadOnlyList<string> Stops, Pace Pace, double? Score);\n\n")));
        var attributes = string.Concat(Enumerable.Range(0, ModelTypes).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"[JsonSerializable(typeof(Answer{i}))]\n")));
        return $$"""
            using System.Collections.Generic;
            using System.Text.Json.Serialization;

            namespace Corpus.Models;

            public enum Pace
            {
                Relaxed,
                Busy,
            }

            {{records}}{{attributes}}[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
            public sealed partial class CorpusJsonContext : JsonSerializerContext;
            """;
    }

    /// <summary>A file no generator cares about, in two versions.</summary>
    public static string Unrelated(int version) => string.Create(CultureInfo.InvariantCulture, $$"""
        namespace Corpus;

        public static class Unrelated
        {
            public static int Answer(int x) => x * {{version + 41}};
        }
        """);
}
