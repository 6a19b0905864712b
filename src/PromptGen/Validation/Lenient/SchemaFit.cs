using System.Text.Json;

namespace PromptGen.Validation.Lenient;

/// <summary>
/// Whether valid JSON fits a compiled schema exactly as written (no repair, no coercion): the fast path that returns a
/// structured-output answer untouched without building a lenient tree. Missing optional members fit (they are not
/// filled in); anything that would need a change does not, and goes to the full reader for its changes or errors.
/// </summary>
internal static class SchemaFit
{
    public static bool Fits(JsonElement value, SchemaModel s, JsonParsePolicy policy, int depth = 0)
    {
        if (depth > 64 || s.Never)
        {
            return false;
        }

        if (s.Open)
        {
            return true;
        }

        if (s.Union is { } union)
        {
            // One alternative that fits as written; several are fine too (the value is the same whichever is chosen).
            return Array.Exists(union, b => Fits(value, b, policy, depth + 1));
        }

        if (s.Single is { } single)
        {
            return Fits(value, single, policy, depth + 1);
        }

        if (s.Literals is { } literals)
        {
            return literals.Exists(l => JsonElement.DeepEquals(l, value));
        }

        if (s.Types.Count == 0)
        {
            return true;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => s.Types.Contains("null"),
            JsonValueKind.String => s.Types.Contains("string"),
            JsonValueKind.True or JsonValueKind.False => s.Types.Contains("boolean"),
            JsonValueKind.Number => s.Types.Contains("number") || (s.Types.Contains("integer") && IsInteger(value)),
            JsonValueKind.Array => s.Types.Contains("array") && FitsArray(value, s, policy, depth),
            JsonValueKind.Object => s.Types.Contains("object") && FitsObject(value, s, policy, depth),
            _ => false,
        };
    }

    private static bool IsInteger(JsonElement value)
    {
        var raw = value.GetRawText();
        return !raw.Contains('.', StringComparison.Ordinal) && !raw.Contains('e', StringComparison.OrdinalIgnoreCase) && value.TryGetInt64(out _);
    }

    private static bool FitsArray(JsonElement value, SchemaModel s, JsonParsePolicy policy, int depth)
    {
        if (s.Items is not { } items)
        {
            return true;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (!Fits(item, items, policy, depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    private static bool FitsObject(JsonElement value, SchemaModel s, JsonParsePolicy policy, int depth)
    {
        var found = 0;
        foreach (var property in value.EnumerateObject())
        {
            if (s.Properties is { } properties && properties.TryGetValue(property.Name, out var model))
            {
                found++;
                if (!Fits(property.Value, model, policy, depth + 1))
                {
                    return false;
                }
            }
            else if (s.NoAdditional || (s.Additional is { } additional && !Fits(property.Value, additional, policy, depth + 1)))
            {
                // An unknown member is dropped (and recorded) or refused by the full reader, never passed silently.
                return false;
            }
        }

        if (found < s.Required.Count)
        {
            foreach (var name in s.Required)
            {
                if (!value.TryGetProperty(name, out _))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
