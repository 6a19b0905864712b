using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using PromptGen.Validation.Lenient;

namespace PromptGen.Validation;

public static partial class JsonExtractor
{
    private static readonly ConditionalWeakTable<JsonTypeInfo, StrongBox<JsonElement>> s_schemas = [];
    private static readonly ConditionalWeakTable<JsonTypeInfo, SchemaModel> s_models = [];

    /// <summary>
    /// Reads a model's answer into <typeparamref name="T"/> without a model call, the way a typed call does: the JSON
    /// schema of <typeparamref name="T"/> is taken from its generated metadata (no reflection; AOT-safe), the answer is
    /// extracted, repaired and coerced under <paramref name="policy"/>, checked member by member and deserialized.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="text">The answer text.</param>
    /// <param name="typeInfo">The generated serialization metadata of <typeparamref name="T"/>.</param>
    /// <param name="policy">How far to go: strict, repair, or repair and coerce (the default).</param>
    /// <returns>The value with every repair made, or every error found (located, phrased for a re-ask).</returns>
    public static JsonParseResult<T> Parse<T>(string? text, JsonTypeInfo<T> typeInfo, JsonParsePolicy policy = JsonParsePolicy.RepairAndCoerce)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (text is not null && TryFast(text, typeInfo, out var fast))
        {
            return new JsonParseResult<T>(JsonExtraction.Deferred(text), fast, []);
        }

        var json = Extract(text, SchemaOf(typeInfo), ModelOf(typeInfo), policy);
        if (!json.Success)
        {
            return new JsonParseResult<T>(json, default, [json.Error!]);
        }

        var errors = TypedJson.Check(json.Value, typeInfo);
        if (errors.Count > 0)
        {
            return new JsonParseResult<T>(json, default, errors);
        }

        var (value, error) = TypedJson.Deserialize(json.Value, typeInfo);
        return error is null ? new JsonParseResult<T>(json, value, []) : new JsonParseResult<T>(json, default, [error]);
    }

    /// <summary>The compiled schema of a type, kept per <see cref="JsonTypeInfo"/> (no schema text to hash on every parse).</summary>
    private static SchemaModel ModelOf(JsonTypeInfo typeInfo) => s_models.GetValue(typeInfo, static info => SchemaModels.Get(SchemaOf(info)));

    /// <summary>The JSON schema of a type from its metadata, exported once per <see cref="JsonTypeInfo"/>.</summary>
    internal static JsonElement SchemaOf(JsonTypeInfo typeInfo) =>
        s_schemas.GetValue(typeInfo, static info => new StrongBox<JsonElement>(Detached(info.GetJsonSchemaAsNode(new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true })))).Value;

    private static JsonElement Detached(System.Text.Json.Nodes.JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
