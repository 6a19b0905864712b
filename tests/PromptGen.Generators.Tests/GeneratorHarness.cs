using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace PromptGen.Generators.Tests;

/// <summary>Builds test compilations over the real PromptGen metadata and runs the generator on them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        // The test host's trusted assemblies: the BCL plus every package and project this test project references.
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return [.. paths.Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(p).StartsWith("PromptGen.Generators", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    /// <summary>The metadata references of every test compilation (also the code-fix tests' workspace projects).</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    private static readonly Lazy<ISourceGenerator?> s_jsonGenerator = new(LoadJsonGenerator);

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"/src/Input{i}.cs")),
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText>? files = null, bool withJson = false, bool trackSteps = true)
    {
        var generators = new List<ISourceGenerator> { new PromptClientGenerator().AsSourceGenerator() };
        if (withJson && s_jsonGenerator.Value is { } json)
        {
            generators.Add(json);
        }

        return CSharpGeneratorDriver.Create(
            generators,
            files ?? [],
            ParseOptions,
            null,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
    }

    /// <summary>Runs the generator (and System.Text.Json's, for compile checks) and returns the result.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Run(string source, IEnumerable<AdditionalText>? files = null, bool withJson = true)
    {
        var compilation = Compilation(source);
        var driver = Driver(files, withJson).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (output, driver.GetRunResult());
    }

    /// <summary>Diagnostics our generator reported.</summary>
    public static ImmutableArray<Diagnostic> GeneratorDiagnostics(GeneratorDriverRunResult run) =>
        [.. run.Results.Where(r => r.Generator.GetGeneratorType() == typeof(PromptClientGenerator)).SelectMany(r => r.Diagnostics)];

    /// <summary>Sources our generator produced, by hint name.</summary>
    public static ImmutableDictionary<string, string> GeneratedSources(GeneratorDriverRunResult run) =>
        run.Results.Where(r => r.Generator.GetGeneratorType() == typeof(PromptClientGenerator))
            .SelectMany(r => r.GeneratedSources)
            .ToImmutableDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>Compiler errors and warnings of the output compilation (hidden and info excluded).</summary>
    public static ImmutableArray<Diagnostic> CompileProblems(Compilation output) =>
        [.. output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];

    public static AdditionalText File(string path, string text) => new InMemoryAdditionalText(path, text);

    private static ISourceGenerator? LoadJsonGenerator()
    {
        // System.Text.Json's own generator, from the targeting pack of the running runtime.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var version = Path.GetFileName(runtime);
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var directory = Directory.Exists(Path.Combine(packs, version)) ? Path.Combine(packs, version)
            : Directory.GetDirectories(packs).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
        var path = directory is null ? null : Path.Combine(directory, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        if (path is null || !System.IO.File.Exists(path))
        {
            return null;
        }

        var reference = new AnalyzerFileReference(path, new Loader());
        return reference.GetGenerators(LanguageNames.CSharp).FirstOrDefault();
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
