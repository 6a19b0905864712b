using System.Text.Json;
using System.Text.Json.Nodes;

namespace PromptGen.Validation.Lenient;

internal sealed partial class SchemaCoercer
{
    /// <summary>Follows <c>$ref</c> (<c>#</c>, <c>#/$defs/…</c>, <c>#/definitions/…</c>, any local JSON pointer).</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 32 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String; hops++)
        {
            var target = reference.GetString()!;
            if (!target.StartsWith('#'))
            {
                return default;
            }

            var at = _root;
            foreach (var part in target[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (at.ValueKind != JsonValueKind.Object || !at.TryGetProperty(name, out at))
                {
                    return default;
                }
            }

            schema = at;
        }

        return schema;
    }

    /// <summary>The root kind a schema asks for: object, array, a scalar kind, or <see langword="null"/> when open.</summary>
    public string? Kind(JsonElement schema)
    {
        schema = Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var types = Types(schema);
        types.Remove("null");
        return types.Count == 1 ? types[0] : null;
    }

    /// <summary>Whether the (resolved) root schema asks for a scalar, or a list of scalars, that can be read out of prose.</summary>
    public bool ReadsProse()
    {
        var schema = Resolve(_root);
        if (Kind(schema) == "array" && schema.TryGetProperty("items", out var items))
        {
            schema = Resolve(items);
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (schema.TryGetProperty("anyOf", out var union) || schema.TryGetProperty("oneOf", out union))
        {
            return union.ValueKind == JsonValueKind.Array && union.EnumerateArray().All(b => Resolve(b) is { ValueKind: JsonValueKind.Object } r && (r.TryGetProperty("const", out _) || r.TryGetProperty("enum", out _)));
        }

        return schema.TryGetProperty("enum", out _) || schema.TryGetProperty("const", out _) || Kind(schema) is "boolean" or "number" or "integer";
    }

    /// <summary>Whether the resolved root schema is a plain string (no enum, constant or format): then the answer is the string.</summary>
    public bool IsPlainString()
    {
        var schema = Resolve(_root);
        return schema.ValueKind == JsonValueKind.Object && Kind(schema) == "string" && Types(schema).Count == 1
            && !schema.TryGetProperty("enum", out _) && !schema.TryGetProperty("const", out _) && !schema.TryGetProperty("anyOf", out _) && !schema.TryGetProperty("oneOf", out _);
    }

    private static List<string> Types(JsonElement s)
    {
        var types = new List<string>(2);
        if (s.ValueKind != JsonValueKind.Object)
        {
            return types;
        }

        if (s.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                types.Add(type.GetString()!);
            }
            else if (type.ValueKind == JsonValueKind.Array)
            {
                types.AddRange(type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
            }
        }
        else if (s.TryGetProperty("properties", out _) || s.TryGetProperty("additionalProperties", out _) || s.TryGetProperty("required", out _))
        {
            types.Add("object");
        }
        else if (s.TryGetProperty("items", out _))
        {
            types.Add("array");
        }

        return types;
    }

    private bool AllowsNull(JsonElement s)
    {
        if (s.ValueKind != JsonValueKind.Object)
        {
            return s.ValueKind == JsonValueKind.True;
        }

        if ((s.TryGetProperty("anyOf", out var union) || s.TryGetProperty("oneOf", out union)) && union.ValueKind == JsonValueKind.Array)
        {
            return union.EnumerateArray().Any(b => AllowsNull(Resolve(b)));
        }

        return Types(s).Contains("null") || (s.TryGetProperty("enum", out var members) && members.ValueKind == JsonValueKind.Array && members.EnumerateArray().Any(m => m.ValueKind == JsonValueKind.Null));
    }

    private static bool Declares(JsonElement schema, string name) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out _);

    private static bool IsIntegerText(string text) => !text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.OrdinalIgnoreCase);

    /// <summary>The value as JSON with no schema to follow (unquoted text becomes a string).</summary>
    public static JsonNode? Plain(LenientNode n)
    {
        switch (n.Kind)
        {
            case LenientKind.Object:
                var o = new JsonObject();
                foreach (var (key, value) in n.Members!)
                {
                    o[key] = Plain(value);
                }

                return o;
            case LenientKind.Array:
                var a = new JsonArray();
                foreach (var item in n.Items!)
                {
                    a.Add(Plain(item));
                }

                return a;
            case LenientKind.Number:
                return PlainNumber(n.Text!);
            case LenientKind.True:
                return JsonValue.Create(true);
            case LenientKind.False:
                return JsonValue.Create(false);
            case LenientKind.Null:
                return null;
            default:
                return JsonValue.Create(n.Text);
        }
    }

    private static JsonValue PlainNumber(string text) =>
        long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var whole) ? JsonValue.Create(whole)
        : decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var exact) ? JsonValue.Create(exact)
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) ? JsonValue.Create(real)
        : JsonValue.Create(text);

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
