using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Parsing;

/// <summary>Decides how parameters render and what return types mean, from symbols (inside the transform only).</summary>
internal static class TypeClassifier
{
    public static ParameterModel Parameter(IParameterSymbol parameter)
    {
        var type = parameter.Type;
        var kind = Kind(type);
        var itemKind = ValueKind.Other;
        var itemCanBeNull = false;
        var itemIsValueType = false;
        if (kind == ValueKind.Collection && type.EnumerableItem() is { } item)
        {
            itemKind = Kind(item);
            itemKind = itemKind is ValueKind.Collection or ValueKind.CancellationToken or ValueKind.CallOptions or ValueKind.Image or ValueKind.History ? ValueKind.Other : itemKind;
            itemCanBeNull = CanBeNull(item);
            itemIsValueType = item.IsValueType;
        }

        var name = parameter.Name;
        var emitName = SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;
        return new ParameterModel(name, emitName, type.Display(), kind, CanBeNull(type), type.IsValueType, itemKind, itemCanBeNull, itemIsValueType, kind == ValueKind.Collection ? CountMember(type) : null, LocationInfo.From(parameter.Locations.Length > 0 ? parameter.Locations[0] : null));
    }

    /// <summary>
    /// <c>Length</c> for a one-dimensional array, <c>Count</c> for a list type with an indexer, else <see langword="null"/>:
    /// such collections render with an indexed loop, which allocates no enumerator.
    /// </summary>
    internal static string? CountMember(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { Rank: 1 })
        {
            return "Length";
        }

        return type.Is(KnownNames.ReadOnlyList) || type.Is(KnownNames.List) || type.Is(KnownNames.ListClass) ? "Count" : null;
    }

    public static ValueKind Kind(ITypeSymbol type)
    {
        if (type.Is(KnownNames.CancellationToken))
        {
            return ValueKind.CancellationToken;
        }

        if (type.Is(KnownNames.PromptCallOptions))
        {
            return ValueKind.CallOptions;
        }

        if (type.Is(KnownNames.PromptImage))
        {
            return ValueKind.Image;
        }

        if (type.SpecialType == SpecialType.System_String)
        {
            return ValueKind.Text;
        }

        type.IsNullableValueType(out var underlying);
        if (underlying.Implements(KnownNames.Formattable))
        {
            return ValueKind.Formattable;
        }

        if (type.EnumerableItem() is { } item)
        {
            item.IsNullableValueType(out var element);
            return element.Is(KnownNames.PromptImage) ? ValueKind.Images : element.Is(KnownNames.ChatMessage) ? ValueKind.History : ValueKind.Collection;
        }

        return ValueKind.Other;
    }

    public static bool CanBeNull(ITypeSymbol type) => type.IsReferenceType || type.IsNullableValueType(out _) || type.TypeKind == TypeKind.TypeParameter;

    /// <summary>Classifies a return type.</summary>
    /// <param name="type">The declared return type.</param>
    /// <param name="isValueTask">Whether it is a <c>ValueTask&lt;&gt;</c>.</param>
    /// <param name="resultType">For JSON results, <c>T</c>.</param>
    /// <param name="reason">For unsupported types, a clause saying why (may be empty).</param>
    public static ReturnKind Return(ITypeSymbol type, out bool isValueTask, out ITypeSymbol? resultType, out string reason)
    {
        isValueTask = false;
        resultType = null;
        reason = string.Empty;
        if (type is not INamedTypeSymbol { IsGenericType: true } named)
        {
            reason = type.SpecialType == SpecialType.System_Void ? " (a prompt call is asynchronous and returns a value)" : string.Empty;
            return ReturnKind.Unsupported;
        }

        var argument = named.TypeArguments[0];
        if (named.Is(KnownNames.AsyncEnumerable) || named.Is(KnownNames.PromptStream))
        {
            if (argument.SpecialType == SpecialType.System_String)
            {
                return ReturnKind.Stream;
            }

            if (named.Is(KnownNames.AsyncEnumerable) && argument.Is(KnownNames.PromptPartial))
            {
                var partial = ((INamedTypeSymbol)argument).TypeArguments[0];
                if (!IsJsonObjectType(partial, out reason))
                {
                    reason = partial.SpecialType == SpecialType.System_String
                        ? " (a text answer streams as IAsyncEnumerable<string>; PromptPartial<T> is for a structured result)"
                        : reason;
                    return ReturnKind.Unsupported;
                }

                resultType = partial.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
                return ReturnKind.JsonStream;
            }

            // A stream of whole typed values (IAsyncEnumerable<T>, IAsyncEnumerable<PromptResult<T>>): PG0630 names the partial stream.
            var item = argument.Is(KnownNames.PromptResult) ? ((INamedTypeSymbol)argument).TypeArguments[0] : argument;
            if (IsJsonObjectType(item, out _))
            {
                resultType = item.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
                return ReturnKind.PartialMistake;
            }

            reason = " (streaming yields text fragments, so the item type must be string)";
            return ReturnKind.Unsupported;
        }

        isValueTask = named.Is(KnownNames.ValueTask);
        if (!isValueTask && !named.Is(KnownNames.Task))
        {
            return ReturnKind.Unsupported;
        }

        if (argument.Is(KnownNames.PromptPartial))
        {
            // Task<PromptPartial<T>> would hold one update: PG0630 names the stream.
            resultType = ((INamedTypeSymbol)argument).TypeArguments[0].WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            return ReturnKind.PartialMistake;
        }

        var wrapped = argument.Is(KnownNames.PromptResult);
        var inner = wrapped ? ((INamedTypeSymbol)argument).TypeArguments[0] : argument;
        if (inner.SpecialType == SpecialType.System_String)
        {
            return wrapped ? ReturnKind.TextResult : ReturnKind.Text;
        }

        if (!IsJsonObjectType(inner, out reason))
        {
            return ReturnKind.Unsupported;
        }

        resultType = inner.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        return wrapped ? ReturnKind.JsonResult : ReturnKind.Json;
    }

    private static bool IsJsonObjectType(ITypeSymbol type, out string reason)
    {
        reason = string.Empty;
        if (type.IsNullableValueType(out _))
        {
            reason = " (a nullable value type; the executor never returns null)";
            return false;
        }

        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named || named.SpecialType != SpecialType.None
            || named.IsAbstract || named.IsUnboundGenericType || named.Implements(KnownNames.Formattable))
        {
            reason = " (a structured result must be a concrete class, record or struct; wrap a single value in a record)";
            return false;
        }

        if (named.EnumerableItem() is not null)
        {
            reason = " (providers' structured output needs a JSON object at the root; wrap the collection in a record property)";
            return false;
        }

        return true;
    }
}
