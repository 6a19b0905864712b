using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PromptGen.Validation.Lenient;

namespace PromptGen.Validation;

public static partial class JsonExtractor
{
    private static readonly ConditionalWeakTable<JsonTypeInfo, StrongBox<JsonTypeInfo?>> s_strict = [];
    private static readonly ConditionalWeakTable<JsonTypeInfo, StrongBox<JsonTypeInfo?>> s_relaxed = [];

    /// <summary>
    /// The relaxed twin of a type's metadata, for partial values: no member is required (members not yet arrived are
    /// default). A source-generated resolver with a modifier; no reflection.
    /// </summary>
    internal static JsonTypeInfo? RelaxedOf(JsonTypeInfo typeInfo) => s_relaxed.GetValue(typeInfo, static info =>
    {
        if (info.Options.TypeInfoResolver is not { } resolver)
        {
            return new StrongBox<JsonTypeInfo?>(null);
        }

        var options = new JsonSerializerOptions(info.Options)
        {
            RespectNullableAnnotations = false,
            RespectRequiredConstructorParameters = false,
            TypeInfoResolver = resolver.WithAddedModifier(static type =>
            {
                foreach (var property in type.Properties)
                {
                    property.IsRequired = false;
                }
            }),
        };
        return new StrongBox<JsonTypeInfo?>(options.GetTypeInfo(info.Type));
    }).Value;

    /// <summary>
    /// The fast path for an answer that is valid JSON fitting the type as written (what a model with structured output
    /// sends): one <see cref="JsonSerializer"/> pass with metadata made strict (required constructor parameters,
    /// nullable annotations, no unknown or duplicate members, no comments or trailing commas), so every answer it takes
    /// is one the lenient path would return unchanged, with no repair to record. Anything it refuses goes the lenient way.
    /// </summary>
    internal static bool TryFast<T>(string text, JsonTypeInfo<T> typeInfo, out T? value)
    {
        value = default;
        var first = text.AsSpan().TrimStart();
        if (first.IsEmpty || first[0] is not ('{' or '[') || StrictOf(typeInfo) is not JsonTypeInfo<T> strict)
        {
            return false;
        }

        try
        {
            value = JsonSerializer.Deserialize(text, strict);
            return value is not null;
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>The strict twin of a type's metadata, or <see langword="null"/> when its schema has enums or constants (STJ reads those more loosely than the schema allows: any case, integers).</summary>
    private static JsonTypeInfo? StrictOf(JsonTypeInfo typeInfo) => s_strict.GetValue(typeInfo, static info =>
    {
        if (info.Options.TypeInfoResolver is null || HasLiterals(SchemaModels.Get(SchemaOf(info)), []))
        {
            return new StrongBox<JsonTypeInfo?>(null);
        }

        var options = new JsonSerializerOptions(info.Options)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
        };
        return new StrongBox<JsonTypeInfo?>(options.GetTypeInfo(info.Type));
    }).Value;

    private static bool HasLiterals(SchemaModel model, HashSet<SchemaModel> seen)
    {
        if (!seen.Add(model))
        {
            return false;
        }

        return model.Literals is not null
            || (model.Union is { } union && Array.Exists(union, b => HasLiterals(b, seen)))
            || (model.Single is { } single && HasLiterals(single, seen))
            || (model.Items is { } items && HasLiterals(items, seen))
            || (model.Additional is { } additional && HasLiterals(additional, seen))
            || model.PropertyList.Exists(p => HasLiterals(p.Value, seen));
    }
}
