using Microsoft.CodeAnalysis;

namespace PromptGen.Generators.Tests.Diagnostics;

/// <summary>PG0004 on a property, indexer or event is the build's only error: no follow-on CS0535 for the member.</summary>
public class MemberStubTests
{
    [Theory]
    [InlineData("string Name { get; }", "Name")]
    [InlineData("string? Label { get; set; }", "Label")]
    [InlineData("int Size { get; init; }", "Size")]
    [InlineData("string this[int index] { get; }", "this")]
    [InlineData("event System.EventHandler? Changed;", "Changed")]
    public void PG0004_on_a_property_or_event_is_the_only_error(string member, string name)
    {
        var source = ModelHarness.Interface(
            "[Prompt(\"Hello {who}\")] Task<string> HelloAsync(string who, CancellationToken cancellationToken = default);\n" + member);
        var (output, run) = GeneratorHarness.Run(source, withJson: false);

        var diagnostic = Assert.Single(GeneratorHarness.GeneratorDiagnostics(run), d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("PG0004", diagnostic.Id);
        Assert.Equal(name, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }
}
