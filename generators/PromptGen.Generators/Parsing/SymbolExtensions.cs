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

    /// <summary>
    /// Whether the (original definition of the) symbol has the full metadata name <paramref name="fullName"/>, e.g.
    /// <c>System.Threading.Tasks.Task`1</c> (nested types joined by <c>+</c>). Compares name by name from the innermost
    /// outwards and allocates nothing, unlike <c>ToDisplayString()</c>: the transform runs on every edit for every client.
    /// </summary>
    public static bool HasFullName(this ISymbol? symbol, string fullName)
    {
        // Name and Arity rather than MetadataName: a generic type's MetadataName ("Task`1") is a new string per call.
        var current = symbol is ITypeSymbol type ? type.OriginalDefinition : symbol;
        var end = fullName.Length;
        while (current is not null && current is not INamespaceSymbol { IsGlobalNamespace: true })
        {
            var separator = end == 0 ? -1 : fullName.LastIndexOfAny(s_separators, end - 1);
            var start = separator + 1;
            var tick = fullName.IndexOf('`', start, end - start);
            var nameEnd = tick < 0 ? end : tick;
            var name = current.Name;
            var arity = current is INamedTypeSymbol named ? named.Arity : 0;
            if (name.Length != nameEnd - start
                || string.CompareOrdinal(fullName, start, name, 0, name.Length) != 0
                || arity != (tick < 0 ? 0 : ParseArity(fullName, tick + 1, end)))
            {
                return false;
            }

            var container = (ISymbol?)current.ContainingType ?? current.ContainingNamespace;
            if (container is null || container is INamespaceSymbol { IsGlobalNamespace: true })
            {
                return separator < 0;
            }

            if (separator < 0 || fullName[separator] != (container is ITypeSymbol ? '+' : '.'))
            {
                return false;
            }

            end = separator;
            current = container;
        }

        return false;
    }

    private static readonly char[] s_separators = ['.', '+'];

    private static int ParseArity(string text, int start, int end)
    {
        if (start == end)
        {
            return -1;
        }

        var value = 0;
        for (var i = start; i < end; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return -1;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }

    public static bool Is(this ITypeSymbol? type, string fullName) => type.HasFullName(fullName);

    public static AttributeData? FindAttribute(this ISymbol symbol, string fullName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass.HasFullName(fullName))
            {
                return attribute;
            }
        }

        return null;
    }

    public static bool Implements(this ITypeSymbol type, string fullName)
    {
        if (type.HasFullName(fullName))
        {
            return true;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (candidate.HasFullName(fullName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the type derives (directly or not) from the class <paramref name="fullName"/>.</summary>
    public static bool DerivesFrom(this ITypeSymbol type, string fullName)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.HasFullName(fullName))
            {
                return true;
            }
        }

        return false;
    }

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
