using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PromptGen.Tests.Architecture;

/// <summary>
/// The runtime core's folders are layers that point one way (docs/architecture.md §2): a file may use types declared in
/// its own folder or in a lower layer, never in a higher one or in a sibling feature folder. The public namespaces stay
/// where users have them, so the layers are the folders: the test compiles src/PromptGen from source and resolves every
/// name to the file that declares it.
/// </summary>
public class LayeringTests
{
    /// <summary>Bottom to top. Folders of one rank are siblings and must not use each other.</summary>
    internal static readonly IReadOnlyDictionary<string, int> Layers = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["Core"] = 0,          // model ids, routes, endpoints, secrets
        ["Telemetry"] = 1,     // activities, metrics, log messages, the debug log
        ["Resilience"] = 2,    // options, the pipeline registry, retry decisions, timeouts, rate-limit headers, budgets, fleet coordinator
        ["Errors"] = 3,        // error mapping, the HTTP capture handler, the redactor
        ["Multimodal"] = 4,
        ["Validation"] = 4,
        ["Middleware"] = 4,
        ["Configuration"] = 5, // PromptGenOptions and its binding
        ["Routing"] = 6,       // route resolution: configuration → endpoints → IChatClients
        ["Engine"] = 7,        // the one call loop: PromptRouter, attempts, streaming, escalation
        ["Generated"] = 8,     // the surface generated code calls: executor (re-ask), descriptors
        [string.Empty] = 9,    // AddPromptGen and the builder
    };

    private static readonly Lazy<List<(string From, string To, string Where)>> s_edges = new(ReadEdges);

    [Fact]
    public void Every_folder_of_the_runtime_is_a_known_layer()
    {
        var unknown = SourceFiles().Select(Folder).Distinct().Where(f => !Layers.ContainsKey(f)).ToList();

        Assert.True(unknown.Count == 0, $"Folders with no layer in LayeringTests.Layers: {string.Join(", ", unknown)}. Put the code in a layer or add the folder, with its rank, here and to docs/architecture.md.");
    }

    [Fact]
    public void No_folder_uses_a_higher_layer_or_a_sibling_feature()
    {
        var violations = s_edges.Value
            .Where(e => e.From != e.To && Layers.TryGetValue(e.From, out var from) && Layers.TryGetValue(e.To, out var to) && from <= to)
            .GroupBy(e => (e.From, e.To, Type: e.Where[(e.Where.IndexOf('(', StringComparison.Ordinal) + 1)..^1]))
            .Select(g => $"{Display(g.Key.From)} (layer {Layers[g.Key.From]}) uses {g.Key.Type} of {Display(g.Key.To)} (layer {Layers[g.Key.To]}) at {g.First().Where}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(violations.Count == 0, "Layers must point one way:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_walk_finds_the_dependencies_it_checks()
    {
        // Guards the test itself: if name resolution broke, the layering test would pass on an empty graph.
        var edges = s_edges.Value;
        Assert.Contains(edges, e => e.From == "Engine" && e.To == "Resilience");
        Assert.Contains(edges, e => e.From == "Generated" && e.To == "Engine");
        Assert.Contains(edges, e => e.From == "Routing" && e.To == "Core");
        Assert.True(edges.Count > 200, $"only {edges.Count} cross-file references were resolved");
    }

    private static string Display(string folder) => folder.Length == 0 ? "the project root" : folder + "/";

    private static List<(string From, string To, string Where)> ReadEdges()
    {
        var files = SourceFiles();
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Preview), path: f)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
            new CSharpParseOptions(LanguageVersion.Preview)));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => !string.Equals(Path.GetFileNameWithoutExtension(p), "PromptGen", StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("PromptGen.Layering", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var edges = new List<(string, string, string)>();
        foreach (var tree in trees.Where(t => t.FilePath.Length > 0))
        {
            var model = compilation.GetSemanticModel(tree);
            var from = Folder(tree.FilePath);
            foreach (var node in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(node).Symbol ?? model.GetSymbolInfo(node).CandidateSymbols.FirstOrDefault();
                var declared = symbol is null ? null : DeclaringType(symbol);
                if (declared is null)
                {
                    continue;
                }

                foreach (var reference in declared.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree.FilePath is { Length: > 0 } path && path != tree.FilePath)
                    {
                        var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                        edges.Add((from, Folder(path), $"{Relative(tree.FilePath)}:{line} ({declared.Name})"));
                    }
                }
            }
        }

        return edges;
    }

    private static INamedTypeSymbol? DeclaringType(ISymbol symbol)
    {
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        while (type?.ContainingType is { } outer)
        {
            type = outer;
        }

        return type is { IsImplicitlyDeclared: false } ? type.OriginalDefinition : null;
    }

    private static string[] SourceFiles() =>
        [.. Directory.GetFiles(Root(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))];

    private static string Folder(string file)
    {
        var relative = Relative(file);
        var slash = relative.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : relative[..slash];
    }

    private static string Relative(string file) => Path.GetRelativePath(Root(), file).Replace(Path.DirectorySeparatorChar, '/');

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "PromptGen");
            if (File.Exists(Path.Combine(candidate, "PromptGen.csproj")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"src/PromptGen not found above {AppContext.BaseDirectory}.");
    }
}
