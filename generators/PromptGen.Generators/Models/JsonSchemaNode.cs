namespace PromptGen.Generators.Models;

/// <summary>The shape of a JSON type, read from its symbol at build time and rendered to a schema later
/// (once the naming policy of the <c>JsonSerializerContext</c> that serializes it is known).</summary>
/// <param name="Kind">The JSON kind.</param>
/// <param name="Nullable">Whether <c>null</c> is allowed.</param>
/// <param name="Properties">For objects, the properties in declaration order.</param>
/// <param name="Items">For arrays and dictionaries, the item schema.</param>
/// <param name="EnumNames">For enums, the member names.</param>
/// <param name="EnumValues">For enums, the member values (invariant numbers).</param>
/// <param name="StringEnum">For enums, whether a string converter is declared on the type or member.</param>
internal sealed record JsonSchemaNode(
    JsonKind Kind,
    bool Nullable,
    EquatableArray<JsonPropertyNode> Properties,
    JsonSchemaNode? Items,
    EquatableArray<string> EnumNames,
    EquatableArray<string> EnumValues,
    bool StringEnum)
{
    public static JsonSchemaNode Simple(JsonKind kind, bool nullable) =>
        new(kind, nullable, EquatableArray<JsonPropertyNode>.Empty, null, EquatableArray<string>.Empty, EquatableArray<string>.Empty, false);
}

/// <summary>One property of a JSON object type.</summary>
/// <param name="ClrName">The C# property name.</param>
/// <param name="JsonName">The name from <c>[JsonPropertyName]</c>, or <see langword="null"/> to apply the naming policy.</param>
/// <param name="Schema">The property's schema.</param>
internal sealed record JsonPropertyNode(string ClrName, string? JsonName, JsonSchemaNode Schema);

/// <summary>JSON schema kinds.</summary>
internal enum JsonKind
{
    /// <summary>Any JSON value (no constraint).</summary>
    Any,

    /// <summary>An object with fixed properties.</summary>
    Object,

    /// <summary>An object with arbitrary keys (a dictionary).</summary>
    Dictionary,

    /// <summary>An array.</summary>
    Array,

    /// <summary>A string.</summary>
    String,

    /// <summary>An integer.</summary>
    Integer,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>An enum (string or integer, decided by the serializer's converter).</summary>
    Enum,
}
