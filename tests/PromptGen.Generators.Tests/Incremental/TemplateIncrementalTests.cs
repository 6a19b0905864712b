using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Tests.Incremental;

/// <summary>
/// Caching with the template language: the type shapes templates read are values, so an unrelated edit regenerates
/// nothing, while editing a member a template reads (in another file) regenerates that client and reports the change.
/// </summary>
public class TemplateIncrementalTests
{
    private const string Unrelated = """
        namespace Shop;

        public static class Helpers
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    [Theory]
    [InlineData(nameof(TemplateSources.Support))]
    [InlineData(nameof(TemplateSources.Chat))]
    [InlineData(nameof(TemplateSources.Rag))]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged(string which)
    {
        var source = which switch
        {
            nameof(TemplateSources.Support) => TemplateSources.Support,
            nameof(TemplateSources.Chat) => TemplateSources.Chat,
            _ => TemplateSources.Rag,
        };
        var file = GeneratorHarness.File("/repo/prompts/rag.prompt.md", TemplateSources.RagTemplate);
        var compilation = GeneratorHarness.Compilation(source, Unrelated);
        var driver = GeneratorHarness.Driver([file]).RunGenerators(compilation);

        var run = driver.RunGenerators(Replace(compilation, 1, Unrelated.Replace("x * 2", "x + x", StringComparison.Ordinal))).GetRunResult().Results.Single();

        foreach (var step in PromptClientGenerator.Steps.All.Where(run.TrackedSteps.ContainsKey))
        {
            Assert.All(run.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {step} was {o.Reason}"));
        }
    }

    [Fact]
    public void Renaming_a_member_a_template_reads_in_another_file_regenerates_the_client_with_the_diagnostic()
    {
        const string Types = """
            namespace Shop;
            public sealed record Customer(string Name, bool IsVip);
            """;
        const string Client = """
            using System.Threading;
            using System.Threading.Tasks;
            using PromptGen;

            namespace Shop;

            [PromptClient(Model = "openai/gpt-4o-mini")]
            public partial interface IGreeter
            {
                [Prompt("Hello {customer.Name}{#if customer.IsVip}, welcome back{/if}.")]
                Task<string> GreetAsync(Customer customer, CancellationToken cancellationToken = default);
            }
            """;
        var compilation = GeneratorHarness.Compilation(Client, Types);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        Assert.DoesNotContain(((Result<ClientSpec>)driver.GetRunResult().Results.Single().TrackedSteps[PromptClientGenerator.Steps.Clients].Single().Outputs.Single().Value).Diagnostics, d => d.Id != "PG0005");

        var run = driver.RunGenerators(Replace(compilation, 1, Types.Replace("string Name", "string FullName", StringComparison.Ordinal))).GetRunResult().Results.Single();

        var client = Assert.Single(run.TrackedSteps[PromptClientGenerator.Steps.Clients].SelectMany(s => s.Outputs));
        Assert.Equal(IncrementalStepRunReason.Modified, client.Reason);
        var diagnostic = Assert.Single(((Result<ClientSpec>)client.Value).Diagnostics, d => d.Id == "PG0107");
        Assert.Contains("did you mean 'FullName'?", diagnostic.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Template_models_hold_no_roslyn_object()
    {
        var compilation = GeneratorHarness.Compilation(TemplateSources.Chat);
        var run = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var step in PromptClientGenerator.Steps.All.Where(run.TrackedSteps.ContainsKey))
        {
            foreach (var output in run.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                IncrementalTests.Walk(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }

        var declaration = run.TrackedSteps[PromptClientGenerator.Steps.Declarations].SelectMany(s => s.Outputs).Select(o => o.Value).OfType<Result<ClientDeclaration>>().Single().Model!;
        var types = declaration.Methods.Single(m => m.Name == "ChatAsync").Templates;
        Assert.Contains(types.Types, t => t.Key == "global::Shop.Customer" && t.Members.Select(m => m.Name).SequenceEqual(new[] { "Name", "Email", "IsVip" }));
        Assert.Equal(ValueKind.History, types.Parameters.Single(p => p.Name == "history").Value.Kind);
    }

    private static Compilation Replace(Compilation compilation, int index, string text)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, old.FilePath));
    }
}
