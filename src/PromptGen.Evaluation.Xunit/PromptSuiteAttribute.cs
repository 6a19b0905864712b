using System.Reflection;
using Xunit.Sdk;

namespace PromptGen.Evaluation.Xunit;

/// <summary>
/// Theory data: the cases of a suite file (any format <c>promptgen test</c> reads), one <see cref="PromptCase"/> per
/// case; a case the suite skips is left out. Set <see cref="Assembly"/> when cases <c>call</c> generated methods.
/// <code>
/// [Theory, PromptSuite("suites/geography.json", Assembly = typeof(IGeography))]
/// public Task Suite(PromptCase testCase) => testCase.RunAsync(_services, _output);
/// </code>
/// </summary>
/// <param name="path">The suite file, relative to the test assembly's folder (copy it to the output).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class PromptSuiteAttribute(string path) : DataAttribute
{
    /// <summary>Gets the suite file.</summary>
    public string Path { get; } = path;

    /// <summary>Gets or sets any type of the assembly whose generated methods the suite's <c>call</c> cases run.</summary>
    public Type? Assembly { get; set; }

    /// <inheritdoc/>
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        PromptCase.Cases(Path, Assembly?.AssemblyQualifiedName ?? string.Empty).Select(c => new object[] { c });
}
