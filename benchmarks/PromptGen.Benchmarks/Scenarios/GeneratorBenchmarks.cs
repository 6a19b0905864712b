using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PromptGen.Generators;

namespace PromptGen.Benchmarks;

/// <summary>
/// PromptGen's incremental generator over <see cref="GeneratorCorpus"/> (200 interfaces in 200 trees): a cold run
/// (new driver, fresh compilation) against the re-runs an IDE does on each keystroke, with an already-run driver on a
/// compilation where one tree was replaced — an unrelated file, or one interface. Each incremental iteration swaps
/// the tree for its other version, so every call is a real edit.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly GeneratorDriverOptions s_options = new(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false);

    private CSharpCompilation _compilation = null!;
    private SyntaxTree[] _unrelatedVersions = null!;
    private SyntaxTree[] _interfaceVersions = null!;

    private GeneratorDriver _unrelatedDriver = null!;
    private CSharpCompilation _unrelatedCompilation = null!;
    private int _unrelatedVersion;

    private GeneratorDriver _floorDriver = null!;
    private CSharpCompilation _floorCompilation = null!;
    private int _floorVersion;

    private GeneratorDriver _interfaceDriver = null!;
    private CSharpCompilation _interfaceCompilation = null!;
    private int _interfaceVersion;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = GeneratorCorpus.Compilation(GeneratorCorpus.Trees());
        _unrelatedVersions = [_compilation.SyntaxTrees.Single(t => t.FilePath == GeneratorCorpus.UnrelatedPath), GeneratorCorpus.Parse(GeneratorCorpus.Unrelated(1), GeneratorCorpus.UnrelatedPath)];
        var interfacePath = GeneratorCorpus.InterfacePath(GeneratorCorpus.EditedInterface);
        _interfaceVersions = [_compilation.SyntaxTrees.Single(t => t.FilePath == interfacePath), GeneratorCorpus.Parse(GeneratorCorpus.Interface(GeneratorCorpus.EditedInterface, edited: true), interfacePath)];

        // The corpus must generate cleanly, or the benchmark would measure an error path.
        var run = ((GeneratorDriver)NewDriver()).RunGenerators(_compilation).GetRunResult();
        var problems = run.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        var generated = run.GeneratedTrees.Length;
        if (problems.Count > 0 || generated != GeneratorCorpus.InterfaceCount + 1)
        {
            throw new InvalidOperationException($"Setup: the corpus generated {generated} files (expected {GeneratorCorpus.InterfaceCount + 1}) with {problems.Count} problems: {string.Join("; ", problems.Take(5))}");
        }

        // After an unrelated edit no client may be regenerated; after editing one interface, exactly that one.
        CheckEdit("unrelated edit", _unrelatedVersions, expectedModified: 0);
        CheckEdit("interface edit", _interfaceVersions, expectedModified: 1);

        _unrelatedCompilation = _compilation;
        _unrelatedDriver = NewDriver().RunGenerators(_unrelatedCompilation);
        _interfaceCompilation = _compilation;
        _interfaceDriver = NewDriver().RunGenerators(_interfaceCompilation);
        _floorCompilation = _compilation;
        _floorDriver = CSharpGeneratorDriver.Create([new BindOnlyGenerator().AsSourceGenerator()], [], GeneratorCorpus.ParseOptions, null, s_options)
            .RunGenerators(_floorCompilation);
    }

    /// <summary>New driver, fresh compilation (same parsed trees and references, no cached symbols), one full run.</summary>
    [Benchmark(Baseline = true, Description = "Cold: new driver + RunGenerators (200 interfaces)")]
    public GeneratorDriver Cold() => NewDriver().RunGenerators(_compilation.Clone());

    [Benchmark(Description = "Incremental: unrelated file edited")]
    public GeneratorDriver EditUnrelated()
    {
        var next = 1 - _unrelatedVersion;
        _unrelatedCompilation = _unrelatedCompilation.ReplaceSyntaxTree(_unrelatedVersions[_unrelatedVersion], _unrelatedVersions[next]);
        _unrelatedVersion = next;
        return _unrelatedDriver = _unrelatedDriver.RunGenerators(_unrelatedCompilation);
    }

    /// <summary>The same edit under <see cref="BindOnlyGenerator"/>: the compiler's share of an incremental run.</summary>
    [Benchmark(Description = "Floor: unrelated file edited, bind-only generator")]
    public GeneratorDriver EditUnrelatedFloor()
    {
        var next = 1 - _floorVersion;
        _floorCompilation = _floorCompilation.ReplaceSyntaxTree(_unrelatedVersions[_floorVersion], _unrelatedVersions[next]);
        _floorVersion = next;
        return _floorDriver = _floorDriver.RunGenerators(_floorCompilation);
    }

    [Benchmark(Description = "Incremental: one interface edited")]
    public GeneratorDriver EditInterface()
    {
        var next = 1 - _interfaceVersion;
        _interfaceCompilation = _interfaceCompilation.ReplaceSyntaxTree(_interfaceVersions[_interfaceVersion], _interfaceVersions[next]);
        _interfaceVersion = next;
        return _interfaceDriver = _interfaceDriver.RunGenerators(_interfaceCompilation);
    }

    private static CSharpGeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new PromptClientGenerator().AsSourceGenerator()], [], GeneratorCorpus.ParseOptions, null, s_options);

    /// <summary>Runs a step-tracking driver before and after the edit and counts the clients it rebuilt.</summary>
    private void CheckEdit(string what, SyntaxTree[] versions, int expectedModified)
    {
        var tracking = new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true);
        var driver = CSharpGeneratorDriver.Create([new PromptClientGenerator().AsSourceGenerator()], [], GeneratorCorpus.ParseOptions, null, tracking)
            .RunGenerators(_compilation)
            .RunGenerators(_compilation.ReplaceSyntaxTree(versions[0], versions[1]));
        var clients = driver.GetRunResult().Results.Single().TrackedSteps[PromptClientGenerator.Steps.Clients];
        var modified = clients.SelectMany(step => step.Outputs).Count(output => output.Reason == IncrementalStepRunReason.Modified);
        if (clients.Length != GeneratorCorpus.InterfaceCount || modified != expectedModified)
        {
            throw new InvalidOperationException($"Setup: after the {what}, {modified} of {clients.Length} clients were rebuilt (expected {expectedModified} of {GeneratorCorpus.InterfaceCount}).");
        }
    }
}
