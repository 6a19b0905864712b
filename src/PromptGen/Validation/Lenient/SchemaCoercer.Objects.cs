
namespace PromptGen.Validation.Lenient;

internal sealed partial class SchemaCoercer
{
    private bool TryObject(LenientNode n, SchemaModel s, JsonPathPart path, out LenientNode? value)
    {
        value = null;
        if (n.Kind != LenientKind.Object)
        {
            return TryObjectFrom(n, s, path, out value);
        }

        var properties = s.Properties;
        var hasProperties = properties is not null;
        var result = new List<KeyValuePair<string, LenientNode>>(n.Members!.Count);
        var errorMark = Errors.Count;
        var parent = path.ToString();
        var seen = new HashSet<string>(n.Members!.Count, StringComparer.Ordinal);
        foreach (var (key, member) in n.Members!)
        {
            var name = hasProperties ? MatchProperty(s, key, n, path) : null;
            if (name is not null)
            {
                if (!seen.Add(name))
                {
                    Changed(member, path, $"property \"{name}\" given twice; the last one kept");
                }

                if (TryCoerce(member, properties![name], JsonPathPart.Member(parent, name), out var child))
                {
                    LenientNodes.Set(result, name, child!);
                }
                else if (Errors.Count >= MaxErrors)
                {
                    return false;
                }

                continue;
            }

            if (s.NoAdditional)
            {
                if (_policy == JsonParsePolicy.Strict)
                {
                    Fail(member, JsonPathPart.Member(parent, key), $"unknown property \"{key}\"; allowed: {string.Join(", ", s.PropertyList.Select(p => p.Key))}");
                    continue;
                }

                Changed(member, path, $"unknown property \"{key}\" ignored");
                continue;
            }

            LenientNode? extra;
            if (s.Additional is { } additional)
            {
                if (!TryCoerce(member, additional, JsonPathPart.Member(parent, key), out extra))
                {
                    continue;
                }
            }
            else
            {
                extra = Plain(member);
            }

            if (LenientNodes.Has(result, key))
            {
                Changed(member, path, $"property \"{key}\" given twice; the last one kept");
            }

            LenientNodes.Set(result, key, extra!);
        }

        return Complete(n, s, result, seen, path, errorMark, out value);
    }

    private bool Complete(LenientNode n, SchemaModel s, List<KeyValuePair<string, LenientNode>> result, HashSet<string> seen, JsonPathPart path, int errorMark, out LenientNode? value)
    {
        value = null;
        {
            foreach (var key in s.Required)
            {
                if (!seen.Contains(key) && !LenientNodes.Has(result, key))
                {
                    var why = n.CutOff ? " (the answer was cut off before it)" : string.Empty;
                    var type = s.Properties is { } properties && properties.TryGetValue(key, out var p) ? $" ({Expected(p.Types)})" : string.Empty;
                    Fail(n, $"{path}.{key}", $"required property \"{key}\"{type} is missing{why}");
                }
            }
        }

        if (Errors.Count > errorMark)
        {
            return false;
        }

        if (Coerce && !(Partial && n.CutOff))
        {
            foreach (var (name, property) in s.PropertyList)
            {
                if (!LenientNodes.Has(result, name) && property.AllowsNull)
                {
                    result.Add(new(name, new LenientNode(LenientKind.Null, n.Offset)));
                    Changed(n, path, $"{MissingOptional} \"{name}\" set to null");
                }
            }
        }

        value = new LenientNode(LenientKind.Object, n.Offset) { Members = result };
        return true;
    }

    /// <summary>An object from something else: one element of a list, or a JSON scalar as the object's only property.</summary>
    private bool TryObjectFrom(LenientNode n, SchemaModel s, JsonPathPart path, out LenientNode? value)
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

        if (n.IsScalar && n != _prose && s.PropertyList is [var only] && TryCoerce(n, only.Value, $"{path}.{only.Key}", out var inner))
        {
            Changed(n, path, $"{Describe(n)} read as the object's only property \"{only.Key}\"");
            value = new LenientNode(LenientKind.Object, n.Offset) { Members = [new(only.Key, inner!)] };
            return true;
        }

        return Fail(n, path, $"{Describe(n)} where an object is expected");
    }

    private bool TryArray(LenientNode n, SchemaModel s, JsonPathPart path, out LenientNode? value)
    {
        value = null;
        var items = s.Items ?? SchemaModel.OpenSchema;
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
            value = new LenientNode(LenientKind.Array, n.Offset) { Items = [single!] };
            return true;
        }

        var result = new List<LenientNode>(n.Items!.Count);
        var errorMark = Errors.Count;
        var parent = path.ToString();
        var i = 0;
        foreach (var item in n.Items!)
        {
            if (TryCoerce(item, items, JsonPathPart.Element(parent, i++), out var child))
            {
                result.Add(child!);
            }
            else if (Errors.Count >= MaxErrors)
            {
                return false;
            }
        }

        value = new LenientNode(LenientKind.Array, n.Offset) { Items = result };
        return Errors.Count == errorMark;
    }

    /// <summary>A list where one value is expected: the one element that fits; several that fit are ambiguous.</summary>
    private bool TrySingleElement(LenientNode n, SchemaModel s, JsonPathPart path, out LenientNode? value)
    {
        value = null;
        var mark = Changes.Count;
        LenientNode? found = null;
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
                else if (!LenientNodes.DeepEquals(found, candidate))
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
    private string? MatchProperty(SchemaModel s, string key, LenientNode n, JsonPathPart path)
    {
        if (s.Properties!.ContainsKey(key))
        {
            return key;
        }

        if (!Coerce)
        {
            return null;
        }

        var normalized = TextMatch.Normalize(key, keepSpaces: false);
        string? match = null;
        foreach (var (name, property) in s.PropertyList)
        {
            var hit = TextMatch.Normalize(name, keepSpaces: false) == normalized
                || property.PropertyAliases.Exists(a => a == key || TextMatch.Normalize(a, keepSpaces: false) == normalized);
            if (hit)
            {
                if (match is not null)
                {
                    return null;
                }

                match = name;
            }
        }

        if (match is not null)
        {
            Changed(n, path, $"property \"{key}\" read as \"{match}\"");
        }

        return match;
    }
}
