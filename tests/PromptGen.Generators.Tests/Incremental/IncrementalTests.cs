using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Tests.Incremental;

/// <summary>The pipeline caches: unrelated edits regenerate nothing, an edited client regenerates alone, and no step keeps Roslyn objects.</summary>
public class IncrementalTests
{
    private const string Weather = """
        using System.Threading;
        using System.Threading.Tasks;
        using PromptGen;

        namespace Demo;

        [PromptClient(Model = "openai/gpt-4o-mini")]
        public partial interface IWeather
        {
            [Prompt("Weather in {city}?")]
            Task<string> ForecastAsync(string city, CancellationToken cancellationToken = default);
        }
        """;

    private const string Unrelated = """
        namespace Demo;

        public static class Helpers
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        var (driver, compilation) = FirstRun(Sources.TravelGuide, Weather, Unrelated);

        var edited = Replace(compilation, 2, Unrelated.Replace("x * 2", "x + x", StringComparison.Ordinal));
        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var (step, outputs) in Steps(run))
        {
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {step} was {o.Reason}"));
        }

        Assert.All(run.GeneratedSources, s => Assert.NotNull(s.SourceText));
    }

    [Fact]
    public void A_partial_stream_client_stays_cached_across_an_unrelated_edit()
    {
        const string chef = """
            using System.Collections.Generic;
            using System.Text.Json.Serialization;
            using System.Threading;
            using PromptGen;

            namespace Demo;

            public sealed record Recipe(string Title, IReadOnlyList<string> Steps);

            [JsonSerializable(typeof(Recipe))]
            internal sealed partial class ChefJsonContext : JsonSerializerContext;

            [PromptClient(Model = "openai/gpt-4o-mini")]
            public partial interface IChef
            {
                [Prompt("A recipe for {dish}")]
                [RequiredField("steps")]
                IAsyncEnumerable<PromptPartial<Recipe>> RecipeAsync(string dish, CancellationToken cancellationToken = default);
            }
            """;
        var (driver, compilation) = FirstRun(chef, Unrelated);

        var edited = Replace(compilation, 1, Unrelated.Replace("x * 2", "x + x", StringComparison.Ordinal));
        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var (step, outputs) in Steps(run))
        {
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {step} was {o.Reason}"));
        }

        Assert.Contains(run.GeneratedSources, s => s.SourceText.ToString().Contains("_executor.StreamJsonAsync(", StringComparison.Ordinal));
    }

    [Fact]
    public void Editing_one_client_regenerates_only_its_output()
    {
        var (driver, compilation) = FirstRun(Sources.TravelGuide, Weather, Unrelated);

        var edited = Replace(compilation, 1, Weather.Replace("Weather in {city}?", "What is the weather in {city}?", StringComparison.Ordinal));
        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var clients = run.TrackedSteps[PromptClientGenerator.Steps.Clients].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, clients.Count);
        var modified = Assert.Single(clients, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal("Demo.IWeather", ((Result<ClientSpec>)modified.Value).Model!.InterfaceFullName);
        Assert.Single(clients, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);

        // The registrations do not depend on templates, so they are not rewritten either.
        Assert.All(run.TrackedSteps[PromptClientGenerator.Steps.Registrations].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Editing_a_template_file_regenerates_only_the_client_that_uses_it()
    {
        var source = Weather.Replace("[Prompt(\"Weather in {city}?\")]", "[Prompt(File = \"prompts/weather.prompt.md\")]", StringComparison.Ordinal);
        var compilation = GeneratorHarness.Compilation(Sources.TravelGuide, source);
        var file = GeneratorHarness.File("/p/prompts/weather.prompt.md", "Weather in {city}?");
        var driver = GeneratorHarness.Driver([file]).RunGenerators(compilation);

        var run = driver.ReplaceAdditionalText(file, GeneratorHarness.File("/p/prompts/weather.prompt.md", "Forecast for {city}?"))
            .RunGenerators(compilation).GetRunResult().Results.Single();

        var clients = run.TrackedSteps[PromptClientGenerator.Steps.Clients].SelectMany(s => s.Outputs).ToList();
        Assert.Equal("Demo.IWeather", ((Result<ClientSpec>)Assert.Single(clients, o => o.Reason == IncrementalStepRunReason.Modified).Value).Model!.InterfaceFullName);
        Assert.Contains("Forecast for ", run.GeneratedSources.Single(s => s.HintName == "Demo.Weather.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_an_example_regenerates_only_its_client_and_the_catalog()
    {
        var withExample = Weather.Replace("[Prompt(\"Weather in {city}?\")]", "[Prompt(\"Weather in {city}?\")]\n    [PromptExample(\"{ \\\"city\\\": \\\"Oslo\\\" }\", Expect = \"[ { \\\"contains\\\": \\\"rain\\\" } ]\")]", StringComparison.Ordinal);
        var (driver, compilation) = FirstRun(Sources.TravelGuide, withExample, Unrelated);

        var edited = Replace(compilation, 1, withExample.Replace("rain", "snow", StringComparison.Ordinal));
        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var clients = run.TrackedSteps[PromptClientGenerator.Steps.Clients].SelectMany(s => s.Outputs).ToList();
        var modified = Assert.Single(clients, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal("snow", JsonText(((Result<ClientSpec>)modified.Value).Model!.Methods.Single().Examples.Single().Expect!));
        Assert.Single(clients, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.All(run.TrackedSteps[PromptClientGenerator.Steps.Registrations].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.Contains("snow", run.GeneratedSources.Single(s => s.HintName == "PromptCatalog.g.cs").SourceText.ToString(), StringComparison.Ordinal);

        static string JsonText(string expect) => System.Text.Json.JsonDocument.Parse(expect).RootElement[0].GetProperty("contains").GetString()!;
    }

    [Fact]
    public void No_step_output_holds_a_roslyn_object()
    {
        var (_, _, run) = Run(Sources.TravelGuide, Weather);

        foreach (var (step, outputs) in Steps(run))
        {
            foreach (var output in outputs)
            {
                Walk(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(params string[] sources)
    {
        var (driver, compilation, _) = Run(sources);
        return (driver, compilation);
    }

    private static (GeneratorDriver Driver, Compilation Compilation, GeneratorRunResult Run) Run(params string[] sources)
    {
        var compilation = GeneratorHarness.Compilation(sources);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        return (driver, compilation, driver.GetRunResult().Results.Single());
    }

    private static Compilation Replace(Compilation compilation, int index, string text)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, old.FilePath));
    }

    private static IEnumerable<(string Step, IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> Outputs)> Steps(GeneratorRunResult run) =>
        PromptClientGenerator.Steps.All
            .Where(run.TrackedSteps.ContainsKey)
            .Select(step => (step, (IReadOnlyList<(object, IncrementalStepRunReason)>)run.TrackedSteps[step].SelectMany(s => s.Outputs).ToList()));

    internal static void Walk(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(
            value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location,
            $"{path} holds a {value.GetType().Name}; pipeline models must be values");
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{i++}]", seen);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), path + "." + field.Name, seen);
        }
    }
}
