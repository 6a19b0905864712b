using System.Reflection;
using Xunit.Sdk;

namespace PromptGen.Evaluation.Xunit;

/// <summary>
/// Theory data: the <c>[PromptExample]</c>s of an assembly's prompt methods, one <see cref="PromptCase"/> per example.
/// <code>
/// [Theory, PromptExamples(typeof(IGeography))]
/// public Task Example(PromptCase example) => example.RunAsync(_services, _output);
/// </code>
/// </summary>
/// <param name="typeInAssembly">Any type of the assembly whose examples run (typically the client interface).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class PromptExamplesAttribute(Type typeInAssembly) : DataAttribute
{
    /// <summary>Gets the type that names the assembly.</summary>
    public Type TypeInAssembly { get; } = typeInAssembly;

    /// <inheritdoc/>
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        PromptCase.Cases(PromptCase.ExamplesSource, TypeInAssembly.AssemblyQualifiedName!).Select(c => new object[] { c });
}
