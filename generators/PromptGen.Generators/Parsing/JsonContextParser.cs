using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Parsing;

/// <summary>
/// The transform of the <c>[JsonSerializable]</c> trigger: which types a user <c>JsonSerializerContext</c> declares,
/// the <c>JsonTypeInfo</c> property System.Text.Json generates for each, and the context's naming options.
/// </summary>
internal static class JsonContextParser
{
    private static readonly string[] s_policies = { "Unspecified", "CamelCase", "SnakeCaseLower", "SnakeCaseUpper", "KebabCaseLower", "KebabCaseUpper" };

    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) => node is ClassDeclarationSyntax;

    public static JsonContextModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || !type.DerivesFrom(KnownNames.JsonSerializerContext))
        {
            return null;
        }

        var types = new List<JsonContextType>();
        foreach (var attribute in context.Attributes)
        {
            if (attribute.ConstructorArguments.FirstOrDefault().Value is ITypeSymbol serializable)
            {
                var custom = attribute.NamedArguments.FirstOrDefault(a => a.Key == "TypeInfoPropertyName").Value.Value as string;
                types.Add(new JsonContextType(serializable.DisplayWithoutNullable(), custom ?? PropertyName(serializable)));
            }
        }

        string? policy = null;
        var useStringEnums = false;
        if (type.FindAttribute(KnownNames.JsonSourceGenerationOptionsAttribute) is { } options)
        {
            // JsonSerializerDefaults.Web (1) means camelCase.
            if (options.ConstructorArguments.FirstOrDefault().Value is int defaults && defaults == 1)
            {
                policy = "CamelCase";
            }

            foreach (var argument in options.NamedArguments)
            {
                if (argument.Key == "PropertyNamingPolicy" && argument.Value.Value is int value)
                {
                    policy = value > 0 && value < s_policies.Length ? s_policies[value] : null;
                }
                else if (argument.Key == "UseStringEnumConverter" && argument.Value.Value is bool flag)
                {
                    useStringEnums = flag;
                }
            }
        }

        return new JsonContextModel(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), policy, useStringEnums, types.ToEquatableArray());
    }

    /// <summary>The property name System.Text.Json's generator gives a type's <c>JsonTypeInfo</c> by default.</summary>
    internal static string PropertyName(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => PropertyName(array.ElementType) + "Array",
        INamedTypeSymbol { IsGenericType: true } named => named.Name + string.Concat(named.TypeArguments.Select(PropertyName)),
        _ => type.Name,
    };
}
