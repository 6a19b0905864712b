using Microsoft.CodeAnalysis;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Tests;

/// <summary>Reads the pipeline's model values (the tracked step outputs) for model tests.</summary>
internal static class ModelHarness
{
    public static IReadOnlyList<Result<ClientSpec>> Clients(string source, params AdditionalText[] files)
    {
        var driver = GeneratorHarness.Driver(files, withJson: false).RunGenerators(GeneratorHarness.Compilation(source));
        return [.. Outputs<Result<ClientSpec>>(driver.GetRunResult(), PromptClientGenerator.Steps.Clients)];
    }

    public static Result<ClientSpec> Client(string source, params AdditionalText[] files) => Assert.Single(Clients(source, files));

    public static ClientSpec Spec(string source, params AdditionalText[] files)
    {
        var result = Client(source, files);
        Assert.Empty(Problems(result));
        return result.Model!;
    }

    /// <summary>
    /// The diagnostics that are warnings or errors, except PG0005 (no CancellationToken), which the minimal test sources
    /// trigger on purpose; its own tests assert it directly.
    /// </summary>
    public static IEnumerable<DiagnosticInfo> Problems(Result<ClientSpec> result) =>
        result.Diagnostics.Where(d => d.Id != "PG0005" && PromptGen.Generators.Diagnostics.DiagnosticDescriptors.ById(d.Id).DefaultSeverity >= DiagnosticSeverity.Warning);

    public static MethodSpec Method(string source, string name, params AdditionalText[] files) =>
        Assert.Single(Spec(source, files).Methods, m => m.Name == name);

    public static IEnumerable<T> Outputs<T>(GeneratorDriverRunResult run, string step) =>
        run.Results.Single(r => r.Generator.GetGeneratorType() == typeof(PromptClientGenerator))
            .TrackedSteps[step]
            .SelectMany(s => s.Outputs)
            .Select(o => (T)o.Value);

    /// <summary>Wraps interface members in a minimal client declaration.</summary>
    public static string Interface(string members, string attributes = "[PromptClient]", string extra = "") => $$"""
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using PromptGen;

        namespace Demo;

        {{extra}}

        {{attributes}}
        public partial interface IDemo
        {
        {{members}}
        }
        """;
}
