using System.Linq;
using Microsoft.CodeAnalysis;

namespace PromptGen.Generators.Parsing;

/// <summary>Small symbol queries shared by the parsers (used only inside transforms).</summary>
internal static class SymbolExtensions
{
    /// <summary>Fully qualified (<c>global::</c>) with nullable reference annotations, to match declared signatures exactly.</summary>
    public static readonly SymbolDisplayFormat FullyQualifiedNullable =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Display(this ITypeSymbol type) => type.ToDisplayString(FullyQualifiedNullable);

    public static string DisplayWithoutNullable(this ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>The value of an attribute's named argument, or <see langword="null"/> when it is not set.</summary>
    public static object? NamedArgument(this AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value;

    public static string OriginalName(this ITypeSymbol type) => type.OriginalDefinition.ToDisplayString();

    public static bool Is(this ITypeSymbol? type, string metadataName) => type is not null && type.OriginalName() == metadataName;

    public static AttributeData? FindAttribute(this ISymbol symbol, string name) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == name);

    public static bool Implements(this ITypeSymbol type, string name) =>
        type.OriginalName() == name || type.AllInterfaces.Any(i => i.OriginalName() == name);

    public static bool IsNullableValueType(this ITypeSymbol type, out ITypeSymbol underlying)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } named)
        {
            underlying = named.TypeArguments[0];
            return true;
        }

        underlying = type;
        return false;
    }

    /// <summary>The item type when <paramref name="type"/> is an array or implements <c>IEnumerable&lt;T&gt;</c> (strings excluded).</summary>
    public static ITypeSymbol? EnumerableItem(this ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return null;
        }

        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T } self)
        {
            return self.TypeArguments[0];
        }

        return type.AllInterfaces
            .FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?
            .TypeArguments[0];
    }
}
