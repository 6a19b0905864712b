using System.Text.Json;

namespace PromptGen.Validation;

public static partial class JsonExtractor
{
    /// <summary>Gets the root type a schema asks for: object, array, or <see langword="null"/> when unknown.</summary>
    private static JsonValueKind? ExpectedKind(JsonElement? schema)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } s)
        {
            return null;
        }

        if (s.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
        {
            return type.ValueEquals("object") ? JsonValueKind.Object : type.ValueEquals("array") ? JsonValueKind.Array : null;
        }

        return s.TryGetProperty("properties", out _) ? JsonValueKind.Object : s.TryGetProperty("items", out _) ? JsonValueKind.Array : null;
    }

    /// <summary>Whether the schema has a property named <paramref name="name"/> at its root (then an envelope is real data).</summary>
    private static bool SchemaDeclares(JsonElement? schema, string name) =>
        schema is { ValueKind: JsonValueKind.Object } s
        && s.TryGetProperty("properties", out var properties)
        && properties.ValueKind == JsonValueKind.Object
        && properties.EnumerateObject().Any(p => p.NameEquals(name));

    /// <summary>Whether a candidate is the schema the model echoed back rather than an answer.</summary>
    private static bool IsEchoedSchema(JsonElement value, JsonElement? schema)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (schema is { } s && JsonElement.DeepEquals(value, s))
        {
            return true;
        }

        if (value.TryGetProperty("$schema", out _))
        {
            return true;
        }

        return value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && value.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && properties.EnumerateObject().Any()
            && properties.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Object && (p.Value.TryGetProperty("type", out _) || p.Value.TryGetProperty("$ref", out _)));
    }

    /// <summary>The bodies of the Markdown code fences of <paramref name="text"/>, in order; an unclosed last fence runs to the end.</summary>
    private static List<ReadOnlyMemory<char>> FenceBodies(ReadOnlySpan<char> text)
    {
        var bodies = new List<ReadOnlyMemory<char>>();
        var memory = text.ToString().AsMemory();
        var rest = 0;
        while (rest < memory.Length)
        {
            var open = memory.Span[rest..].IndexOf("```", StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var afterOpen = rest + open + 3;
            var newline = memory.Span[afterOpen..].IndexOf('\n');
            if (newline < 0)
            {
                break;
            }

            var bodyStart = afterOpen + newline + 1;
            var close = memory.Span[bodyStart..].IndexOf("```", StringComparison.Ordinal);
            var bodyEnd = close < 0 ? memory.Length : bodyStart + close;
            bodies.Add(memory[bodyStart..bodyEnd]);
            rest = close < 0 ? memory.Length : bodyEnd + 3;
        }

        return bodies;
    }

    private static JsonElement ToArray(List<Candidate> candidates)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var candidate in candidates)
            {
                candidate.Value.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static string Describe(JsonValueKind? expected) => expected switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => "value",
    };

    private static string Clip(ReadOnlySpan<char> text) =>
        text.Length <= 60 ? text.ToString().ReplaceLineEndings(" ") : string.Concat(text[..60], "…").ReplaceLineEndings(" ");
}
