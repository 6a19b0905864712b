using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace PromptGen.Generators.Tests.CodeFixes;

/// <summary>
/// Applies a code fix as the IDE does: a real <see cref="AdhocWorkspace"/> project over the PromptGen metadata, the
/// generator's diagnostics from that project's compilation, the provider's registered <see cref="CodeAction"/>, its
/// <see cref="ApplyChangesOperation"/>, and the generator run again on the changed project.
/// </summary>
internal static class CodeFixHarness
{
    public sealed record Outcome(string Text, ImmutableArray<Diagnostic> Before, ImmutableArray<Diagnostic> After, IReadOnlyList<string> Titles, Solution Solution);

    public static Document Document(params string[] sources)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Create(),
            "TestAssembly",
            "TestAssembly",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: GeneratorHarness.References));
        Document? first = null;
        for (var i = 0; i < sources.Length; i++)
        {
            var document = workspace.AddDocument(DocumentInfo.Create(
                DocumentId.CreateNewId(project.Id),
                $"Input{i}.cs",
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(sources[i]), VersionStamp.Create())),
                filePath: $"/src/Input{i}.cs"));
            first ??= document;
        }

        return workspace.CurrentSolution.GetDocument(first!.Id)!;
    }

    /// <summary>The generator's diagnostics (warnings and errors) for <paramref name="project"/>.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var driver = GeneratorHarness.Driver(withJson: true, trackSteps: false).RunGeneratorsAndUpdateCompilation(compilation, out _, out _);
        return [.. GeneratorHarness.GeneratorDiagnostics(driver.GetRunResult()).Where(d => d.Severity >= DiagnosticSeverity.Warning)];
    }

    /// <summary>The fixes <paramref name="provider"/> offers for <paramref name="diagnostic"/>.</summary>
    public static async Task<IReadOnlyList<CodeAction>> ActionsAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        Assert.Contains(diagnostic.Id, provider.FixableDiagnosticIds);
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    /// <summary>
    /// Finds the one <paramref name="id"/> diagnostic in the first source, applies the fix titled <paramref name="title"/>
    /// (the first offered when null), and returns the first document's new text and the diagnostics after.
    /// </summary>
    public static async Task<Outcome> FixAsync(CodeFixProvider provider, string id, string? title, params string[] sources)
    {
        var document = Document(sources);
        var before = await DiagnosticsAsync(document.Project);
        var diagnostic = Assert.Single(before, d => d.Id == id);
        var actions = await ActionsAsync(provider, document, diagnostic);
        Assert.NotEmpty(actions);
        var action = title is null ? actions[0] : Assert.Single(actions, a => a.Title == title);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var solution = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        var changed = solution.GetDocument(document.Id)!;
        var after = await DiagnosticsAsync(changed.Project);
        return new Outcome((await changed.GetTextAsync()).ToString(), before, after, [.. actions.Select(a => a.Title)], solution);
    }

    /// <summary>Compile errors of the changed project with the generators' output (the fix must leave code that builds).</summary>
    public static async Task<ImmutableArray<Diagnostic>> CompileErrorsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        GeneratorHarness.Driver(withJson: true, trackSteps: false).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return [.. output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
    }
}
