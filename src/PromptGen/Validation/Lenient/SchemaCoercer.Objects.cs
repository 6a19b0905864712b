using System.Text.Json;
using System.Text.Json.Nodes;

namespace PromptGen.Validation.Lenient;

internal sealed partial class SchemaCoercer
{
    private bool TryObject(LenientNode n, JsonElement s, string path, out JsonNode? value)
    {
        value = null;
        if (n.Kind != LenientKind.Object)
        {
            return TryObjectFrom(n, s, path, out value);
        }

        s.TryGetProperty("properties", out var properties);
        var hasProperties = properties.ValueKind == JsonValueKind.Object;
        s.TryGetProperty("additionalProperties", out var additional);
        var result = new JsonObject();
        var errorMark = Errors.Count;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, member) in n.Members!)
        {
            var name = hasProperties ? MatchProperty(properties, key, n, path) : null;
            if (name is not null)
            {
                if (!seen.Add(name))
                {
                    Changed(member, path, $"property \"{name}\" given twice; the last one kept");
                }

                if (TryCoerce(member, properties.GetProperty(name), $"{path}.{name}", out var child))
                {
                    result[name] = child;
                }
                else if (Errors.Count >= MaxErrors)
                {
                    return false;
                }

                continue;
            }

            if (additional.ValueKind == JsonValueKind.False)
            {
                if (_policy == JsonParsePolicy.Strict)
                {
                    Fail(member, $"{path}.{key}", $"unknown property \"{key}\"; allowed: {string.Join(", ", properties.EnumerateObject().Select(p => p.Name))}");
                    continue;
                }

                Changed(member, path, $"unknown property \"{key}\" ignored");
                continue;
            }

            JsonNode? extra;
            if (additional.ValueKind == JsonValueKind.Object)
            {
                if (!TryCoerce(member, additional, $"{path}.{key}", out extra))
                {
                    continue;
                }
            }
            else
            {
                extra = Plain(member);
            }

            if (result.ContainsKey(key))
            {
                Changed(member, path, $"property \"{key}\" given twice; the last one kept");
            }

            result[key] = extra;
        }

        return Complete(n, s, properties, hasProperties, result, seen, path, errorMark, out value);
    }

    private bool Complete(LenientNode n, JsonElement s, JsonElement properties, bool hasProperties, JsonObject result, HashSet<string> seen, string path, int errorMark, out JsonNode? value)
    {
        value = null;
        if (s.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray())
            {
                if (name.GetString() is { } key && !seen.Contains(key) && !result.ContainsKey(key))
                {
                    var why = n.CutOff ? " (the answer was cut off before it)" : string.Empty;
                    var type = hasProperties && properties.TryGetProperty(key, out var p) ? $" ({Expected(Types(Resolve(p)))})" : string.Empty;
                    Fail(n, $"{path}.{key}", $"required property \"{key}\"{type} is missing{why}");
                }
            }
        }

        if (Errors.Count > errorMark)
        {
            return false;
        }

        if (Coerce && hasProperties)
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (!result.ContainsKey(property.Name) && AllowsNull(Resolve(property.Value)))
                {
                    result[property.Name] = null;
                    Changed(n, path, $"{MissingOptional} \"{property.Name}\" set to null");
                }
            }
        }

        value = result;
        return true;
    }

    /// <summary>An object from something else: one element of a list, or a JSON scalar as the object's only property.</summary>
    private bool TryObjectFrom(LenientNode n, JsonElement s, string path, out JsonNode? value)
    {
        value = null;
        if (!Coerce)
        {
            return Fail(n, path, $"{Describe(n)} where an object is expected");
        }

        if (n.Kind == LenientKind.Array)
        {
            var mark = Errors.Count;
            if (TrySingleElement(n, s, path, out value))
            {
                return true;
            }

            Errors.RemoveRange(mark, Errors.Count - mark);
            return Fail(n, path, "an array where an object is expected");
        }

        if (n.IsScalar && n != _prose && s.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            using var names = properties.EnumerateObject();
            if (names.MoveNext())
            {
                var only = names.Current;
                if (!names.MoveNext() && TryCoerce(n, only.Value, $"{path}.{only.Name}", out var inner))
                {
                    Changed(n, path, $"{Describe(n)} read as the object's only property \"{only.Name}\"");
                    value = new JsonObject { [only.Name] = inner };
                    return true;
                }
            }
        }

        return Fail(n, path, $"{Describe(n)} where an object is expected");
    }

    private bool TryArray(LenientNode n, JsonElement s, string path, out JsonNode? value)
    {
        value = null;
        s.TryGetProperty("items", out var items);
        if (n.Kind != LenientKind.Array)
        {
            if (!Coerce)
            {
                return Fail(n, path, $"{Describe(n)} where an array is expected");
            }

            if (!TryCoerce(n, items, $"{path}[0]", out var single))
            {
                return false;
            }

            Changed(n, path, "single value read as a one-element list");
            value = new JsonArray(single);
            return true;
        }

        var result = new JsonArray();
        var errorMark = Errors.Count;
        var i = 0;
        foreach (var item in n.Items!)
        {
            if (TryCoerce(item, items, $"{path}[{i++}]", out var child))
            {
                result.Add(child);
            }
            else if (Errors.Count >= MaxErrors)
            {
                return false;
            }
        }

        value = result;
        return Errors.Count == errorMark;
    }

    /// <summary>A list where one value is expected: the one element that fits; several that fit are ambiguous.</summary>
    private bool TrySingleElement(LenientNode n, JsonElement s, string path, out JsonNode? value)
    {
        value = null;
        var mark = Changes.Count;
        JsonNode? found = null;
        List<RepairAt>? foundChanges = null;
        var fits = 0;
        List<CoercionError>? first = null;
        var errorMark = Errors.Count;
        foreach (var item in n.Items!)
        {
            if (TryCoerce(item, s, path, out var candidate))
            {
                if (fits++ == 0)
                {
                    (found, foundChanges) = (candidate, Changes.GetRange(mark, Changes.Count - mark));
                }
                else if (!JsonNode.DeepEquals(found, candidate))
                {
                    Changes.RemoveRange(mark, Changes.Count - mark);
                    return Fail(n, path, "a list where one value is expected, and more than one of its elements fits; it is ambiguous");
                }
            }
            else
            {
                first ??= Errors.GetRange(errorMark, Errors.Count - errorMark);
                Errors.RemoveRange(errorMark, Errors.Count - errorMark);
            }

            Changes.RemoveRange(mark, Changes.Count - mark);
        }

        if (foundChanges is null)
        {
            if (first is not { Count: > 0 })
            {
                return Fail(n, path, "an empty list where one value is expected");
            }

            Errors.AddRange(first);
            return false;
        }

        Changes.AddRange(foundChanges);
        Changed(n, path, n.Items!.Count == 1 ? "one-element list read as its element" : $"the only fitting element of a list of {n.Items.Count} taken");
        value = found;
        return true;
    }

    /// <summary>The schema property a member key names: exactly, or (coercing) by alias, case or punctuation — never two.</summary>
    private string? MatchProperty(JsonElement properties, string key, LenientNode n, string path)
    {
        if (properties.TryGetProperty(key, out _))
        {
            return key;
        }

        if (!Coerce)
        {
            return null;
        }

        var normalized = TextMatch.Normalize(key, keepSpaces: false);
        string? match = null;
        foreach (var property in properties.EnumerateObject())
        {
            var hit = TextMatch.Normalize(property.Name, keepSpaces: false) == normalized;
            if (!hit && Resolve(property.Value) is { ValueKind: JsonValueKind.Object } ps && (property.Value.TryGetProperty("x-aliases", out var aliases) || ps.TryGetProperty("x-aliases", out aliases)) && aliases.ValueKind == JsonValueKind.Array)
            {
                hit = aliases.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && (a.ValueEquals(key) || TextMatch.Normalize(a.GetString()!, keepSpaces: false) == normalized));
            }

            if (hit)
            {
                if (match is not null)
                {
                    return null;
                }

                match = property.Name;
            }
        }

        if (match is not null)
        {
            Changed(n, path, $"property \"{key}\" read as \"{match}\"");
        }

        return match;
    }
}
