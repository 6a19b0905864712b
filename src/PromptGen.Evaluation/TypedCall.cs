using System.Text.Json;
using PromptGen.Generated;

namespace PromptGen.Evaluation;

/// <summary>A case that calls a generated method: the method, its bound arguments and the expectations on its typed result.</summary>
/// <param name="Method">The catalog entry.</param>
/// <param name="Arguments">The arguments, bound to the parameter types when the suite loaded.</param>
/// <param name="Expectations">The checks on the result.</param>
internal sealed record TypedCall(PromptCatalogMethod Method, object?[] Arguments, IReadOnlyList<Expectation> Expectations);

/// <summary>One check on a typed result: the member at <paramref name="Path"/> (JSON names, dotted; empty for the whole value) compared with <paramref name="Value"/>.</summary>
/// <param name="Path">The member path, as written.</param>
/// <param name="Operator">equals, contains, atLeast, atMost or matches.</param>
/// <param name="Value">The expected value.</param>
internal sealed record Expectation(string Path, string Operator, JsonElement Value)
{
    public static readonly string[] Operators = ["equals", "contains", "atLeast", "atMost"];

    public override string ToString() => $"{(Path.Length == 0 ? "result" : Path)} {Operator} {Show(Value)}";

    /// <summary>Checks the result; returns what broke, or <see langword="null"/>.</summary>
    public string? Check(JsonElement result)
    {
        var actual = result;
        foreach (var segment in Path.Length == 0 ? [] : Path.Split('.'))
        {
            if (actual.ValueKind != JsonValueKind.Object || !TryGet(actual, segment, out actual))
            {
                return $"{this}: the result has no '{Path}' (it is {result.GetRawText()})";
            }
        }

        var ok = Operator switch
        {
            "equals" => actual.ValueKind == JsonValueKind.String && Value.ValueKind == JsonValueKind.String
                ? string.Equals(actual.GetString(), Value.GetString(), StringComparison.Ordinal)
                : actual.ValueKind == JsonValueKind.Number && Value.ValueKind == JsonValueKind.Number
                    ? actual.GetDouble() == Value.GetDouble()
                    : JsonElement.DeepEquals(actual, Value),
            "contains" => actual.ValueKind == JsonValueKind.String
                ? actual.GetString()!.Contains(Value.GetString() ?? string.Empty, StringComparison.OrdinalIgnoreCase)
                : actual.ValueKind == JsonValueKind.Array && actual.EnumerateArray().Any(e => JsonElement.DeepEquals(e, Value)),
            "atLeast" => actual.ValueKind == JsonValueKind.Number && actual.GetDouble() >= Value.GetDouble(),
            _ => actual.ValueKind == JsonValueKind.Number && actual.GetDouble() <= Value.GetDouble(),
        };
        return ok ? null : $"{this}: got {Show(actual)}";
    }

    /// <summary>A value as a reader expects it: strings quoted and unescaped (JSON escapes non-ASCII text).</summary>
    private static string Show(JsonElement value) => value.ValueKind == JsonValueKind.String ? $"\"{value.GetString()}\"" : value.GetRawText();

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
