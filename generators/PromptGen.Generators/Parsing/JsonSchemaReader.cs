using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Parsing;

/// <summary>
/// Reads the JSON shape of a result type the way System.Text.Json's defaults see it: public instance properties with a
/// public getter, <c>[JsonPropertyName]</c> and <c>[JsonIgnore]</c> honoured. Produces values; the schema text is written
/// later, once the serializer context's naming policy is known.
/// </summary>
internal static class JsonSchemaReader
{
    private const int MaxDepth = 16;

    private static readonly string[] s_stringLike =
    [
        "System.Guid", "System.DateTime", "System.DateTimeOffset", "System.TimeSpan", "System.DateOnly", "System.TimeOnly",
        "System.Uri", "System.Version", "System.Char",
    ];

    private static readonly string[] s_any =
    [
        "System.Text.Json.JsonElement", "System.Text.Json.JsonDocument", "System.Text.Json.Nodes.JsonNode", "System.Text.Json.Nodes.JsonObject",
    ];

    public static JsonSchemaNode Read(ITypeSymbol type) => Read(type, new List<ITypeSymbol>(), stringEnum: false);

    private static JsonSchemaNode Read(ITypeSymbol type, List<ITypeSymbol> path, bool stringEnum)
    {
        var nullable = type.IsNullableValueType(out var underlying) || (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated);
        type = underlying;
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Char:
                return JsonSchemaNode.Simple(JsonKind.String, nullable);
            case SpecialType.System_Boolean:
                return JsonSchemaNode.Simple(JsonKind.Boolean, nullable);
            case SpecialType.System_Byte:
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
                return JsonSchemaNode.Simple(JsonKind.Integer, nullable);
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                return JsonSchemaNode.Simple(JsonKind.Number, nullable);
            case SpecialType.System_Object:
                return JsonSchemaNode.Simple(JsonKind.Any, nullable);
            case SpecialType.System_DateTime:
                return JsonSchemaNode.Simple(JsonKind.String, nullable);
        }

        if (IsAny(type, s_stringLike))
        {
            return JsonSchemaNode.Simple(JsonKind.String, nullable);
        }

        if (IsAny(type, s_any) || path.Count >= MaxDepth || path.Contains(type, SymbolEqualityComparer.Default))
        {
            // Recursive and unknown shapes are left open rather than guessed.
            return JsonSchemaNode.Simple(JsonKind.Any, nullable);
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return Enum((INamedTypeSymbol)type, nullable, stringEnum || HasStringEnumConverter(type));
        }

        path.Add(type);
        try
        {
            var dictionaryValue = DictionaryValue(type);
            if (dictionaryValue is not null)
            {
                return JsonSchemaNode.Simple(JsonKind.Dictionary, nullable) with { Items = Read(dictionaryValue, path, false) };
            }

            if (type.EnumerableItem() is { } item)
            {
                return JsonSchemaNode.Simple(JsonKind.Array, nullable) with { Items = Read(item, path, false) };
            }

            return JsonSchemaNode.Simple(JsonKind.Object, nullable) with { Properties = Properties(type, path).ToEquatableArray() };
        }
        finally
        {
            path.RemoveAt(path.Count - 1);
        }
    }

    private static List<JsonPropertyNode> Properties(ITypeSymbol type, List<ITypeSymbol> path)
    {
        var result = new List<JsonPropertyNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var chain = new List<ITypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            chain.Add(current);
        }

        // Most derived first, so a 'new' property hides its base; then base-first order, as declared.
        var properties = new List<IPropertySymbol>();
        foreach (var current in chain)
        {
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                    || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public } || !seen.Add(property.Name))
                {
                    continue;
                }

                properties.Add(property);
            }
        }

        foreach (var property in properties.OrderBy(p => chain.Count - chain.IndexOf(p.ContainingType)))
        {
            var ignore = property.FindAttribute(KnownNames.JsonIgnoreAttribute);
            if ((ignore is not null && !IsNeverIgnore(ignore)) || property.FindAttribute(KnownNames.JsonExtensionDataAttribute) is not null)
            {
                continue;
            }

            var jsonName = property.FindAttribute(KnownNames.JsonPropertyNameAttribute)?.ConstructorArguments.FirstOrDefault().Value as string;
            result.Add(new JsonPropertyNode(property.Name, jsonName, Read(property.Type, path, HasStringEnumConverter(property))));
        }

        return result;
    }

    private static JsonSchemaNode Enum(INamedTypeSymbol type, bool nullable, bool stringEnum)
    {
        var names = new List<string>();
        var values = new List<string>();
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
        {
            var custom = field.FindAttribute(KnownNames.JsonStringEnumMemberNameAttribute)?.ConstructorArguments.FirstOrDefault().Value as string;
            names.Add(custom ?? field.Name);
            values.Add(Convert.ToString(field.ConstantValue, CultureInfo.InvariantCulture) ?? "0");
        }

        return JsonSchemaNode.Simple(JsonKind.Enum, nullable) with
        {
            EnumNames = names.ToEquatableArray(),
            EnumValues = values.ToEquatableArray(),
            StringEnum = stringEnum,
        };
    }

    private static ITypeSymbol? DictionaryValue(ITypeSymbol type)
    {
        if (IsDictionary(type))
        {
            return ((INamedTypeSymbol)type).TypeArguments[1];
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (IsDictionary(candidate))
            {
                return candidate.TypeArguments[1];
            }
        }

        return null;
    }

    private static bool IsDictionary(ITypeSymbol type) =>
        type is INamedTypeSymbol && (type.Is(KnownNames.Dictionary) || type.Is(KnownNames.ReadOnlyDictionary));

    private static bool IsAny(ITypeSymbol type, string[] fullNames)
    {
        foreach (var fullName in fullNames)
        {
            if (type.HasFullName(fullName))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasStringEnumConverter(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass.HasFullName(KnownNames.JsonConverterAttribute)
            && a.ConstructorArguments.FirstOrDefault().Value is ITypeSymbol converter
            && converter.Name.StartsWith("JsonStringEnum", StringComparison.Ordinal));

    private static bool IsNeverIgnore(AttributeData ignore) =>
        ignore.NamedArguments.Any(a => a.Key == "Condition" && a.Value.Value is int condition && condition == 0);
}
