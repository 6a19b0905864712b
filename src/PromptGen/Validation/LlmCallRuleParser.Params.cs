using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PromptGen.Validation;

public static partial class LlmCallRuleParser
{
    private static readonly string[] s_checks = ["contains", "not_contains", "regex", "min_length", "max_length", "starts_with", "ends_with", "one_of", "min_words", "max_words"];

    /// <summary>llm_call <c>string_check</c>: <c>check</c> names the test; <c>case_sensitive</c> defaults to true, as in Python's <c>in</c>.</summary>
    private static ResponseRule StringCheck(Params reader)
    {
        var check = reader.RequiredString("check");
        var ignoreCase = !(reader.OptionalBool("case_sensitive") ?? true);
        return check switch
        {
            "contains" => Wrap(reader.Where, () => new ContainsRule(reader.RequiredString("value"), ignoreCase)),
            "not_contains" => Wrap(reader.Where, () => new DoesNotContainRule(reader.RequiredString("value"), ignoreCase)),
            "starts_with" => Wrap(reader.Where, () => new StartsWithRule(reader.RequiredString("value"), ignoreCase)),
            "ends_with" => Wrap(reader.Where, () => new EndsWithRule(reader.RequiredString("value"), ignoreCase)),
            "one_of" => Wrap(reader.Where, () => new OneOfRule(reader.OptionalStrings("values") ?? throw reader.Missing("values"), ignoreCase)),
            "regex" => Regex(reader, ignoreCase),
            "min_length" => new LengthRule(reader.Count("value"), int.MaxValue),
            "max_length" => new LengthRule(0, reader.Count("value")),
            "min_words" => new LengthRule(reader.Count("value"), int.MaxValue, LengthUnit.Words),
            "max_words" => new LengthRule(0, reader.Count("value"), LengthUnit.Words),
            _ => throw reader.Bad("check", $"'{check}' is not a known check; use one of: {string.Join(", ", s_checks)}"),
        };
    }

    private static PatternRule Regex(Params reader, bool ignoreCase)
    {
        var pattern = reader.OptionalString("pattern") ?? reader.OptionalString("value") ?? throw reader.Missing("pattern");
        try
        {
            var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
            return new PatternRule(new Regex(pattern, options, PatternRule.DefaultTimeout));
        }
        catch (ArgumentException exception)
        {
            throw reader.Bad("pattern", $"is not a valid .NET regular expression ({exception.Message})");
        }
    }

    /// <summary>Reads the <c>params</c> object, remembering which parameters were used so leftovers are reported.</summary>
    private sealed class Params(JsonElement element, string where)
    {
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);

        public string Where { get; } = where;

        public string RequiredString(string name) => OptionalString(name) ?? throw Missing(name);

        public string? OptionalString(string name) => Get(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } v => v.GetString(),
            { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
            _ => throw Bad(name, "must be a string"),
        };

        public bool? OptionalBool(string name) => Get(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => throw Bad(name, "must be true or false"),
        };

        public int Count(string name) => Get(name) switch
        {
            { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var n) && n >= 0 => n,
            { ValueKind: JsonValueKind.String } v when int.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            null => throw Missing(name),
            _ => throw Bad(name, "must be a non-negative whole number"),
        };

        public IReadOnlyList<string>? OptionalStrings(string name) => Get(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Array } v when v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => [.. v.EnumerateArray().Select(e => e.GetString()!)],
            _ => throw Bad(name, "must be an array of strings"),
        };

        public JsonElement? OptionalValue(string name) => Get(name);

        public T Enum<T>(string name)
            where T : struct, Enum
        {
            var text = RequiredString(name).Replace("#", "Sharp", StringComparison.Ordinal);
            return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value)
                ? value
                : throw Bad(name, $"must be one of: {string.Join(", ", System.Enum.GetNames<T>())}");
        }

        public void EnsureAllUsed()
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (!_used.Contains(property.Name))
                {
                    throw Error(Where, $"has an unknown parameter \"{property.Name}\"{(_used.Count == 0 ? " (this rule takes no parameters)" : $"; it takes: {string.Join(", ", _used)}")}");
                }
            }
        }

        public PromptConfigurationException Missing(string name) => Error(Where, $"needs the parameter \"{name}\"");

        public PromptConfigurationException Bad(string name, string problem) => Error(Where, $"parameter \"{name}\" {problem}");

        private JsonElement? Get(string name)
        {
            _used.Add(name);
            return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
        }
    }
}
