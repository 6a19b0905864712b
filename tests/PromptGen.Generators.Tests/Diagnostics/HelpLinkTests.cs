using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptGen.Generators.Diagnostics;

namespace PromptGen.Generators.Tests.Diagnostics;

/// <summary>The help link of every reported diagnostic follows the <c>PromptGenHelpLinkBase</c> MSBuild property.</summary>
public class HelpLinkTests
{
    private const string Source = """
        using System.Threading;
        using System.Threading.Tasks;
        using PromptGen;
        namespace Demo;
        [PromptClient(Model = "openai/gpt-4o-mini")]
        public partial interface IDemo
        {
            [Prompt("Hello {nmae}")]
            Task<string> HelloAsync(string name, CancellationToken cancellationToken = default);
        }
        """;

    [Theory]
    [InlineData("https://docs.example.com/promptgen/diagnostics/", "https://docs.example.com/promptgen/diagnostics/PG0101.md")]
    [InlineData("https://docs.example.com/promptgen/diagnostics", "https://docs.example.com/promptgen/diagnostics/PG0101.md")]
    [InlineData("/home/me/.nuget/packages/promptgen/0.1.0/docs/diagnostics/", "file:///home/me/.nuget/packages/promptgen/0.1.0/docs/diagnostics/PG0101.md")]
    public void Help_link_follows_the_msbuild_property(string property, string expected)
    {
        var diagnostic = Run(new Dictionary<string, string> { [HelpLinks.PropertyKey] = property }).Single(d => d.Id == "PG0101");

        Assert.Equal(expected, diagnostic.Descriptor.HelpLinkUri);
        Assert.Equal(DiagnosticDescriptors.UnknownPlaceholder.Title, diagnostic.Descriptor.Title);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("nmae", Source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void Without_the_property_the_link_is_the_repository_page()
    {
        var diagnostic = Run([]).Single(d => d.Id == "PG0101");

        Assert.Equal("docs/diagnostics/PG0101.md", diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void Every_descriptor_has_a_page_and_gets_a_link_under_the_base()
    {
        var pages = Path.Combine(RepoRoot(), "docs", "diagnostics");
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.True(File.Exists(Path.Combine(pages, descriptor.Id + ".md")), $"{descriptor.Id} has no page in docs/diagnostics.");
            Assert.Equal("https://x.test/d/" + descriptor.Id + ".md", HelpLinks.Descriptor(descriptor.Id, "https://x.test/d/").HelpLinkUri);
        }
    }

    private static ImmutableArray<Diagnostic> Run(Dictionary<string, string> globalOptions)
    {
        var driver = CSharpGeneratorDriver.Create(
            [new PromptClientGenerator().AsSourceGenerator()],
            [],
            GeneratorHarness.ParseOptions,
            new OptionsProvider(globalOptions));
        return GeneratorHarness.GeneratorDiagnostics(driver.RunGenerators(GeneratorHarness.Compilation(Source)).GetRunResult());
    }

    private static string RepoRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "PromptGen.sln")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("PromptGen.sln not found above the test folder.");
        }

        return directory;
    }

    private sealed class OptionsProvider(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
