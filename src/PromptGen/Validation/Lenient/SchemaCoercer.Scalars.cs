using System.Globalization;
using System.Text.Json;

namespace PromptGen.Validation.Lenient;

internal sealed partial class SchemaCoercer
{
    private bool TryString(LenientNode n, JsonPathPart path, out LenientNode? value)
    {
        value = null;
        switch (n.Kind)
        {
            case LenientKind.String or LenientKind.Bare:
                value = n.Kind == LenientKind.String ? n : new LenientNode(LenientKind.String, n.Offset, n.Text);
                return true;
            case LenientKind.Number or LenientKind.True or LenientKind.False when Coerce:
                var text = n.Kind == LenientKind.Number ? n.Text! : n.Kind == LenientKind.True ? "true" : "false";
                Changed(n, path, $"{text} read as the string \"{text}\"");
                value = new LenientNode(LenientKind.String, n.Offset, text);
                return true;
            default:
                return Fail(n, path, $"{Describe(n)} where a string is expected");
        }
    }

    private bool TryBoolean(LenientNode n, JsonPathPart path, out LenientNode? value)
    {
        value = null;
        if (n.Kind is LenientKind.True or LenientKind.False)
        {
            value = n;
            return true;
        }

        if (!Coerce || n.Kind is not (LenientKind.String or LenientKind.Bare))
        {
            return Fail(n, path, $"{Describe(n)} where true or false is expected");
        }

        var text = n.Text!.Trim();
        bool? found = text.Equals("true", StringComparison.OrdinalIgnoreCase) ? true : text.Equals("false", StringComparison.OrdinalIgnoreCase) ? false : null;
        if (found is null && n == _prose)
        {
            var normalized = TextMatch.Normalize(text, keepSpaces: true);
            var yes = TextMatch.Contains(normalized, "true");
            var no = TextMatch.Contains(normalized, "false");
            if (yes && no)
            {
                return Fail(n, path, "the answer says both true and false; it is ambiguous");
            }

            found = yes ? true : no ? false : null;
        }

        if (found is not { } flag)
        {
            return Fail(n, path, $"{Describe(n)} where true or false is expected");
        }

        Changed(n, path, $"\"{Clip(text)}\" read as {(flag ? "true" : "false")}");
        value = new LenientNode(flag ? LenientKind.True : LenientKind.False, n.Offset);
        return true;
    }

    private bool TryNumber(LenientNode n, bool integer, JsonPathPart path, out LenientNode? value)
    {
        value = null;
        var what = integer ? "an integer" : "a number";
        if (n.Kind == LenientKind.Number)
        {
            return TryNumberText(n, n.Text!, integer, path, out value) || Fail(n, path, $"{n.Text} where {what} is expected");
        }

        if (!Coerce || n.Kind is not (LenientKind.String or LenientKind.Bare))
        {
            return Fail(n, path, $"{Describe(n)} where {what} is expected");
        }

        var text = n.Text!.Trim();
        var mark = Changes.Count;
        if (TryNumberText(n, text.Replace(",", string.Empty, StringComparison.Ordinal), integer, path, out value))
        {
            Changes.Insert(mark, new RepairAt(n.Offset, path.ToString(), $"\"{Clip(text)}\" read as the number {value!.Text}", JsonRepairKind.Coercion));
            return true;
        }

        if (n == _prose && TextMatch.Numbers(text) is [var only] && TryNumberText(n, only, integer, path, out value))
        {
            Changes.Insert(mark, new RepairAt(n.Offset, path.ToString(), $"the number {only} taken from the answer's text", JsonRepairKind.Coercion));
            return true;
        }

        return Fail(n, path, $"{Describe(n)} where {what} is expected");
    }

    private bool TryNumberText(LenientNode n, string text, bool integer, JsonPathPart path, out LenientNode? value)
    {
        value = null;
        const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            value = NumberNode(n, whole);
            return true;
        }

        if (decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out var exact))
        {
            if (integer)
            {
                if (exact != decimal.Truncate(exact) || exact < long.MinValue || exact > long.MaxValue)
                {
                    return false;
                }

                value = new LenientNode(LenientKind.Number, n.Offset, ((long)exact).ToString(CultureInfo.InvariantCulture));
                if (text != value.Text)
                {
                    Changed(n, path, $"{text} written as the integer {value.Text}");
                }

                return true;
            }

            value = NumberNode(n, exact);
            return true;
        }

        if (!integer && double.TryParse(text, Style, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            value = new LenientNode(LenientKind.Number, n.Offset, real.ToString("R", CultureInfo.InvariantCulture));
            return true;
        }

        return false;
    }

    /// <summary>
    /// The number node for <paramref name="number"/>: <paramref name="n"/> itself when it is a number already written that
    /// way (the common case: no new node, no new text), else a new node with the invariant text.
    /// </summary>
    private static LenientNode NumberNode<T>(LenientNode n, T number)
        where T : ISpanFormattable
    {
        Span<char> written = stackalloc char[64];
        if (!number.TryFormat(written, out var length, default, CultureInfo.InvariantCulture))
        {
            return new LenientNode(LenientKind.Number, n.Offset, number.ToString(null, CultureInfo.InvariantCulture));
        }

        return n.Kind == LenientKind.Number && written[..length].SequenceEqual(n.Text)
            ? n
            : new LenientNode(LenientKind.Number, n.Offset, written[..length].ToString());
    }

    /// <summary>An enum member or constant: exactly, or (coercing) by case, accents, punctuation or alias, or as the one member a sentence names.</summary>
    private bool TryLiteral(LenientNode n, SchemaModel s, List<JsonElement> allowed, JsonPathPart path, out LenientNode? value)
    {
        value = null;
        foreach (var member in allowed)
        {
            if (Equals(n, member))
            {
                value = LenientNodes.FromElement(member, n.Offset);
                return true;
            }
        }

        if (Partial && n.CutOff)
        {
            // A member name still being written may match a different member once complete.
            return Fail(n, path, "incomplete");
        }

        var list = string.Join(", ", allowed.Select(Display));
        if (!Coerce)
        {
            return Fail(n, path, $"{Describe(n)} is not one of the allowed values: {list}");
        }

        if (n.Kind == LenientKind.Array && n.Items!.Count > 0)
        {
            return TrySingleElement(n, s, path, out value) || Fail(n, path, $"{Describe(n)} where one of {list} is expected");
        }

        var text = n.Kind switch
        {
            LenientKind.String or LenientKind.Bare or LenientKind.Number => n.Text,
            LenientKind.True => "true",
            LenientKind.False => "false",
            _ => null,
        };
        if (text is null)
        {
            return Fail(n, path, $"{Describe(n)} where one of {list} is expected");
        }

        var aliases = s.EnumAliases;
        var normalized = TextMatch.Normalize(text, keepSpaces: true);
        var whole = allowed.Where(a => Names(a, aliases).Any(name => TextMatch.Normalize(name, keepSpaces: true) == normalized)).ToList();
        var hits = whole.Count > 0 ? whole : allowed.Where(a => Names(a, aliases).Any(name => TextMatch.Contains(normalized, TextMatch.Normalize(name, keepSpaces: true)))).ToList();
        if (hits.Count > 1)
        {
            return Fail(n, path, $"\"{Clip(text)}\" names more than one of the allowed values ({string.Join(", ", hits.Select(Display))}); it is ambiguous. Allowed: {list}");
        }

        if (hits.Count == 0)
        {
            return Fail(n, path, $"\"{Clip(text)}\" is not one of the allowed values: {list}");
        }

        value = LenientNodes.FromElement(hits[0], n.Offset);
        Changed(n, path, whole.Count > 0 ? $"\"{Clip(text)}\" read as {Display(hits[0])}" : $"{Display(hits[0])} taken from \"{Clip(text)}\"");
        return true;
    }

    private static string Display(JsonElement member) => member.ValueKind == JsonValueKind.String ? $"\"{member.GetString()}\"" : member.GetRawText();

    private static IEnumerable<string> Names(JsonElement member, JsonElement aliases)
    {
        var name = member.ValueKind == JsonValueKind.String ? member.GetString()! : member.GetRawText();
        yield return name;
        if (aliases.ValueKind == JsonValueKind.Object && aliases.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var alias in list.EnumerateArray())
            {
                if (alias.ValueKind == JsonValueKind.String)
                {
                    yield return alias.GetString()!;
                }
            }
        }
    }

    private static bool Equals(LenientNode n, JsonElement member) => member.ValueKind switch
    {
        JsonValueKind.String => n.Kind == LenientKind.String && member.ValueEquals(n.Text),
        JsonValueKind.Number => n.Kind == LenientKind.Number && decimal.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && member.TryGetDecimal(out var b) && a == b,
        JsonValueKind.True => n.Kind == LenientKind.True,
        JsonValueKind.False => n.Kind == LenientKind.False,
        JsonValueKind.Null => n.Kind == LenientKind.Null,
        _ => false,
    };

    private static string Clip(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 60), "…");
}
