
namespace PromptGen.Validation.Lenient;

internal sealed partial class SchemaCoercer
{
    /// <summary>Gets the root kind the schema asks for: object, array, a scalar kind, or <see langword="null"/> when open or several.</summary>
    public string? RootKind => _root.Kind;

    /// <summary>Whether the root schema asks for a scalar, or a list of scalars, that can be read out of prose.</summary>
    public bool ReadsProse()
    {
        var schema = _root.Kind == "array" && _root.Items is { } items ? items : _root;
        if (schema.Union is { } union)
        {
            return Array.TrueForAll(union, b => b.Literals is not null);
        }

        return schema.Literals is not null || schema.Kind is "boolean" or "number" or "integer";
    }

    /// <summary>Whether the root schema is a plain string (no enum, constant or union): then the answer is the string.</summary>
    public bool IsPlainString() => _root is { Kind: "string", Types.Count: 1, Literals: null, Union: null, Single: null, Open: false };

    private static bool IsIntegerText(string text) => !text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.OrdinalIgnoreCase);

    /// <summary>The value as JSON with no schema to follow (unquoted text is written as a string).</summary>
    public static LenientNode Plain(LenientNode n) => n;

    private static string Describe(LenientNode n) => n.Kind switch
    {
        LenientKind.Object => "an object",
        LenientKind.Array => "an array",
        LenientKind.String or LenientKind.Bare => $"the string \"{Clip(n.Text!)}\"",
        LenientKind.Number => $"the number {n.Text}",
        LenientKind.True => "true",
        LenientKind.False => "false",
        _ => "null",
    };

    private static string Expected(List<string> types) =>
        types.Count == 0 ? "any value" : string.Join(" or ", types.Select(t => t switch
        {
            "object" => "an object",
            "array" => "an array",
            "string" => "a string",
            "integer" => "an integer",
            "number" => "a number",
            "boolean" => "true or false",
            _ => t,
        }));
}
