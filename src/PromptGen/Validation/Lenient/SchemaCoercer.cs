
namespace PromptGen.Validation.Lenient;

/// <summary>
/// Turns a leniently read value into JSON that fits a JSON Schema (draft 2020-12 subset: <c>$ref</c> into
/// <c>$defs</c>/<c>definitions</c>, <c>anyOf</c>/<c>oneOf</c>, <c>type</c> (one or several), <c>enum</c>, <c>const</c>,
/// <c>properties</c>, <c>required</c>, <c>additionalProperties</c>, <c>items</c>), recording every change. Under
/// <see cref="JsonParsePolicy.RepairAndCoerce"/> it converts where the schema is clear; ambiguity is an error, never a guess.
/// </summary>
internal sealed partial class SchemaCoercer
{
    private const int MaxDepth = 64;
    private const int MaxErrors = 20;

    /// <summary>The start of the description of a missing optional member filled with null.</summary>
    public const string MissingOptional = "missing optional property";
    private static readonly string[] s_envelopes = ["result", "data", "response", "output", "answer", "json"];
    private readonly SchemaModel _root;
    private readonly JsonParsePolicy _policy;
    private LenientNode? _prose;
    private int _depth;

    // Partial mode: the coerced value (and the changes it took) of each complete node, per schema. A complete node never
    // changes again, so an update coerces only the parts still being written (linear over a stream, not quadratic).
    private Dictionary<LenientNode, (SchemaModel Schema, LenientNode? Value, RepairAt[] Changes)>? _complete;

    public SchemaCoercer(SchemaModel root, JsonParsePolicy policy)
    {
        _root = root;
        _policy = policy;
    }

    /// <summary>Gets the compiled schema.</summary>
    public SchemaModel Model => _root;

    /// <summary>Gets the policy.</summary>
    public JsonParsePolicy Policy => _policy;

    /// <summary>Gets the changes made, in order.</summary>
    public List<RepairAt> Changes { get; } = [];

    /// <summary>Gets the errors of the last failed coercion (every member that does not fit, up to a limit).</summary>
    public List<CoercionError> Errors { get; } = [];

    private bool Coerce => _policy == JsonParsePolicy.RepairAndCoerce;

    /// <summary>
    /// Gets a value indicating whether the value is still being written: a value that is not complete yet
    /// (<see cref="LenientNode.CutOff"/>) and does not fit is left out instead of failing, and required members may be
    /// missing from an unclosed object; a complete value that does not fit is an error at once.
    /// </summary>
    public bool Partial { get; init; }

    /// <summary>Coerces a top-level value; <paramref name="prose"/> marks the whole answer read as text (scalars may be found in it).</summary>
    public bool TryRun(LenientNode node, bool prose, out LenientNode? value, out string? envelope)
    {
        _prose = prose ? node : null;
        envelope = null;
        Errors.Clear();
        var kind = _root.Kind;
        var wrapped = node.Kind == LenientKind.Object && node.Members!.Count == 1 && kind is "object" or "array" && !(_root.Properties?.ContainsKey(node.Members[0].Key) ?? false)
            && (Coerce || Array.FindIndex(s_envelopes, e => e.Equals(node.Members[0].Key, StringComparison.OrdinalIgnoreCase)) >= 0);

        // An envelope whose content has the expected kind is unwrapped first (a list is not made of the envelope).
        if (wrapped && KindOf(node.Members![0].Value) == kind && TryEnvelope(node, out value, out envelope))
        {
            return true;
        }

        if (TryCoerce(node, _root, "$", out value))
        {
            return true;
        }

        if (wrapped && KindOf(node.Members![0].Value) != kind)
        {
            var direct = Errors.ToList();
            if (TryEnvelope(node, out value, out envelope))
            {
                return true;
            }

            Errors.Clear();
            Errors.AddRange(direct);
        }

        return false;
    }

    private bool TryEnvelope(LenientNode node, out LenientNode? value, out string? envelope)
    {
        var mark = Changes.Count;
        var inner = node.Members![0];
        Errors.Clear();
        if (TryCoerce(inner.Value, _root, "$", out value))
        {
            envelope = inner.Key;
            Changes.Insert(mark, new RepairAt(node.Offset, "$", $"envelope object \"{inner.Key}\" unwrapped", JsonRepairKind.Extraction));
            return true;
        }

        Changes.RemoveRange(mark, Changes.Count - mark);
        Errors.Clear();
        envelope = null;
        return false;
    }

    private static string? KindOf(LenientNode node) => node.Kind switch
    {
        LenientKind.Object => "object",
        LenientKind.Array => "array",
        _ => null,
    };

    private bool TryCoerce(LenientNode n, SchemaModel schema, JsonPathPart path, out LenientNode? value)
    {
        value = null;
        if (_depth >= MaxDepth)
        {
            return Fail(n, path, $"the value nests deeper than {MaxDepth} levels");
        }

        if (Partial && !n.CutOff && _complete is not null && _complete.TryGetValue(n, out var known) && ReferenceEquals(known.Schema, schema))
        {
            Changes.AddRange(known.Changes);
            value = known.Value;
            return true;
        }

        _depth++;
        var mark = Changes.Count;
        try
        {
            if (!TryCoerceCore(n, schema, path, out value))
            {
                return false;
            }

            if (Partial && !n.CutOff)
            {
                (_complete ??= new(ReferenceEqualityComparer.Instance))[n] = (schema, value, Changes.Count > mark ? [.. Changes.GetRange(mark, Changes.Count - mark)] : []);
            }

            if (n.CutOff && value is { CutOff: false })
            {
                // A value made from one still being written is still being written (never reported complete early).
                value = Incomplete(value);
            }

            return true;
        }
        finally
        {
            _depth--;
        }
    }

    private bool TryCoerceCore(LenientNode n, SchemaModel s, JsonPathPart path, out LenientNode? value)
    {
        value = null;
        if (s.Never)
        {
            return Fail(n, path, "no value is allowed here");
        }

        if (s.Open)
        {
            value = Plain(n);
            return true;
        }

        if (s.Union is { } union)
        {
            return TryUnion(n, union, path, out value);
        }

        if (s.Single is { } single)
        {
            return TryCoerce(n, single, path, out value);
        }

        if (s.Literals is { } literals)
        {
            return TryLiteral(n, s, literals, path, out value);
        }

        var types = s.Types;
        if (n.Kind == LenientKind.Null)
        {
            if (types.Count == 0 || types.Contains("null"))
            {
                value = n;
                return true;
            }

            return Fail(n, path, $"null is not allowed; give {Expected(types)}");
        }

        if (types.Count == 0)
        {
            value = Plain(n);
            return true;
        }

        // The value's own kind first, then conversions in the order the schema lists its types.
        var own = OwnType(n, types);
        if (own is not null)
        {
            return TryType(n, s, own, path, out value);
        }

        if (!Coerce)
        {
            return Fail(n, path, $"{Describe(n)} where {Expected(types)} is expected");
        }

        List<CoercionError>? first = null;
        var mark = Changes.Count;
        var errorMark = Errors.Count;
        foreach (var type in types)
        {
            if (type != "null" && TryType(n, s, type, path, out value))
            {
                return true;
            }

            first ??= Errors.GetRange(errorMark, Errors.Count - errorMark);
            Errors.RemoveRange(errorMark, Errors.Count - errorMark);
            Changes.RemoveRange(mark, Changes.Count - mark);
        }

        Errors.AddRange(first ?? []);
        return Errors.Count == errorMark && Fail(n, path, $"{Describe(n)} where {Expected(types)} is expected");
    }

    private static string? OwnType(LenientNode n, List<string> types)
    {
        var own = n.Kind switch
        {
            LenientKind.Object => "object",
            LenientKind.Array => "array",
            LenientKind.String or LenientKind.Bare => "string",
            LenientKind.True or LenientKind.False => "boolean",
            LenientKind.Number => types.Contains("integer") && IsIntegerText(n.Text!) ? "integer" : "number",
            _ => null,
        };
        if (own is not null && types.Contains(own))
        {
            return own;
        }

        return own == "integer" && types.Contains("number") ? "number" : own == "number" && types.Contains("integer") && IsIntegerText(n.Text!) ? "integer" : null;
    }

    private bool TryType(LenientNode n, SchemaModel s, string type, JsonPathPart path, out LenientNode? value)
    {
        value = null;
        switch (type)
        {
            case "object":
                return TryObject(n, s, path, out value);
            case "array":
                return TryArray(n, s, path, out value);
            case "string":
                return TryString(n, path, out value);
            case "boolean":
                return TryBoolean(n, path, out value);
            case "integer" or "number":
                return TryNumber(n, type == "integer", path, out value);
            case "null":
                value = n;
                return n.Kind == LenientKind.Null || Fail(n, path, $"{Describe(n)} where null is expected");
            default:
                value = Plain(n);
                return true;
        }
    }

    private bool TryUnion(LenientNode n, SchemaModel[] union, JsonPathPart path, out LenientNode? value)
    {
        value = null;
        var mark = Changes.Count;
        List<RepairAt>? bestChanges = null;
        LenientNode? best = null;
        var bestCost = int.MaxValue;
        var tie = false;
        var fits = 0;
        List<CoercionError>? deepest = null;
        var errorMark = Errors.Count;
        var index = 0;
        foreach (var branch in union)
        {
            index++;
            if (TryCoerce(n, branch, path, out var candidate))
            {
                fits++;
                var changes = Changes.GetRange(mark, Changes.Count - mark);
                var cost = changes.Count(c => c.Kind == JsonRepairKind.Coercion);
                if (cost < bestCost)
                {
                    (best, bestChanges, bestCost, tie) = (candidate, changes, cost, false);
                }
                else if (cost == bestCost && !LenientNodes.DeepEquals(best, candidate))
                {
                    tie = true;
                }
            }
            else if (Errors.Count > errorMark && (deepest is null || Errors[errorMark].Path.Length > deepest[0].Path.Length))
            {
                deepest = Errors.GetRange(errorMark, Errors.Count - errorMark);
            }

            Errors.RemoveRange(errorMark, Errors.Count - errorMark);
            Changes.RemoveRange(mark, Changes.Count - mark);
        }

        if (bestChanges is null)
        {
            if (deepest is null)
            {
                return Fail(n, path, $"{Describe(n)} fits none of the {index} alternatives");
            }

            Errors.AddRange(deepest);
            return false;
        }

        if (tie)
        {
            return Fail(n, path, $"{Describe(n)} fits {fits} alternatives of the schema equally well; it is ambiguous");
        }

        Changes.AddRange(bestChanges);
        value = best;
        return true;
    }

    /// <summary>A copy marked incomplete (the value may be a node of the tree being read, which must not change).</summary>
    private static LenientNode Incomplete(LenientNode value) =>
        new(value.Kind, value.Offset, value.Text) { Items = value.Items, Members = value.Members, CutOff = true };

    private bool Fail(LenientNode n, JsonPathPart path, string message)
    {
        if (Partial && n.CutOff)
        {
            // Not complete yet: it may still come to fit, so it is left out of the partial value, not reported.
            return false;
        }

        Errors.Add(new CoercionError(n.Offset, path.ToString(), message));
        return false;
    }

    private void Changed(LenientNode n, JsonPathPart path, string description) => Changes.Add(new RepairAt(n.Offset, path.ToString(), description, JsonRepairKind.Coercion));
}

/// <summary>Why a value does not fit the schema, at an offset of the answer text and a JSON path.</summary>
internal sealed record CoercionError(int Offset, string Path, string Message);
