using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PromptGen.Validation;

namespace PromptGen.Evaluation;

/// <summary>Reads the fields of one case object, with errors that name the file, the case's line and the field.</summary>
internal readonly struct CaseReader(SuiteDocument document, int index, string id)
{
    public SuiteLoadException Error(string message) => document.Error(index, $"case '{id}': {message}");

    public string? String(JsonElement parent, string name) => Get(parent, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { } other => throw Error($"\"{name}\" must be a string, not {other.ValueKind}"),
    };

    public int? Int(JsonElement parent, string name) => Get(parent, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) && number >= 0 => number,
        { } other => throw Error($"\"{name}\" must be a whole number ≥ 0, not {other.GetRawText()}"),
    };

    public float? Float(JsonElement parent, string name) => Get(parent, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetDouble(out var number) && float.IsFinite((float)number) => (float)number,
        { ValueKind: JsonValueKind.Number } value => throw Error($"\"{name}\" is {value.GetRawText()}, out of range (it overflows to infinity); write a number such as 0.7"),
        { } other => throw Error($"\"{name}\" must be a number, not {other.ValueKind}"),
    };

    public bool? Bool(JsonElement parent, string name) => Get(parent, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } other => throw Error($"\"{name}\" must be true or false, not {other.GetRawText()}"),
    };

    public IReadOnlyList<string> Strings(JsonElement parent, string name)
    {
        switch (Get(parent, name))
        {
            case null:
                return [];
            case { ValueKind: JsonValueKind.String } value:
                return [value.GetString()!];
            case { ValueKind: JsonValueKind.Array } array:
                var list = new List<string>();
                foreach (var item in array.EnumerateArray())
                {
                    list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Error($"\"{name}\" must hold strings only"));
                }

                return list;
            case { } other:
                throw Error($"\"{name}\" must be a string or an array of strings, not {other.ValueKind}");
        }
    }

    /// <summary>Parses <c>{type, params}</c> rules with the validation runtime's parser; an unknown type fails the load.</summary>
    public (IReadOnlyList<ResponseRule> Rules, IReadOnlyList<string> Names) Rules(JsonElement rules)
    {
        try
        {
            var parsed = LlmCallRuleParser.ParseAll(rules, RuleExtensions.All);
            var elements = rules.ValueKind == JsonValueKind.Array ? [.. rules.EnumerateArray()] : new[] { rules };
            return (parsed, [.. elements.Select(RuleName)]);
        }
        catch (PromptConfigurationException exception)
        {
            throw Error(exception.Message);
        }
    }

    public static string RuleName(JsonElement rule)
    {
        var type = rule.TryGetProperty("type", out var t) ? t.GetString() : "rule";
        return rule.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object && p.EnumerateObject().Any()
            ? $"{type} {Compact(p)}"
            : type ?? "rule";
    }

    public static string Compact(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Fails on fields the format does not define, so a typo is never silently ignored.</summary>
    public void OnlyKnown(JsonElement parent, string where, params string[] known)
    {
        foreach (var property in parent.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal) && !property.Name.StartsWith('_') && property.Name != "$schema")
            {
                throw Error($"unknown field \"{property.Name}\" in {where}; known fields: {string.Join(", ", known)}");
            }
        }
    }

    private static JsonElement? Get(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
