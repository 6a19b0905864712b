using Microsoft.CodeAnalysis;

namespace PromptGen.Benchmarks;

/// <summary>
/// The floor under <see cref="GeneratorBenchmarks"/>: a generator with the same trigger (<c>[PromptClient]</c> through
/// <c>ForAttributeWithMetadataName</c>) whose transform only makes Roslyn bind what any such generator must read — each
/// method's attributes, parameter types and return type — and emits nothing. What PromptGen's generator costs above
/// this is its own work; the rest is the compiler's.
/// </summary>
public sealed class BindOnlyGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var clients = context.SyntaxProvider.ForAttributeWithMetadataName(
            "PromptGen.PromptClientAttribute",
            static (_, _) => true,
            static (context, _) =>
            {
                var type = (INamedTypeSymbol)context.TargetSymbol;
                var bound = 0;
                foreach (var member in type.GetMembers())
                {
                    if (member is IMethodSymbol method)
                    {
                        bound += method.GetAttributes().Length + method.Parameters.Length;
                        bound += method.ReturnType.ToDisplayString().Length;
                    }
                }

                return (type.Name, bound);
            });
        context.RegisterSourceOutput(clients, static (_, _) => { });
    }
}
