using System.Globalization;
using System.Text;

namespace PromptGen.Validation.Lenient;

/// <summary>
/// Reads one JSON-like value in a single forward pass, repairing what models get wrong (trailing and missing commas,
/// comments, unquoted keys and values, single quotes and backticks, unescaped quotes and raw newlines in strings,
/// Python literals, unclosed strings and containers at the end). No regular expressions, no backtracking: every
/// look-ahead is bounded, so the time is linear in the text. Every repair is recorded with its position.
/// </summary>
internal sealed partial class LenientReader
{
    private const int MaxDepth = 64;
    private const int MaxLookAhead = 256;

    private readonly string _text;
    private readonly List<(string? Key, int Index)> _path = [];

    /// <summary>The text of each prefix of <see cref="_path"/>, built when a repair first needs it and shared by every repair at that place.</summary>
    private readonly List<string?> _pathTexts = [];
    private readonly StringBuilder _buffer = new();
    private int _end;
    private int _pos;
    private int _depth;

    public LenientReader(string text, int start, int end)
    {
        _text = text;
        _pos = start;
        _end = end;
    }

    /// <summary>Gets the repairs made so far.</summary>
    public List<RepairAt> Repairs { get; } = [];

    /// <summary>Gets the position after the last value read.</summary>
    public int Position => _pos;

    /// <summary>Gets why reading failed (nesting too deep), or <see langword="null"/>.</summary>
    public string? Failure { get; private set; }

    /// <summary>Gets the offset of <see cref="Failure"/>.</summary>
    public int FailureOffset { get; private set; }

    private enum Place
    {
        Top,
        Key,
        Member,
        Item,
    }

    /// <summary>Reads the object or array at the current position (which holds <c>{</c> or <c>[</c>).</summary>
    public LenientNode? ReadContainer() => _text[_pos] == '{' ? ReadObject() : ReadArray();

    private LenientNode? ReadValue(Place place)
    {
        var c = _text[_pos];
        switch (c)
        {
            case '{':
                return ReadObject();
            case '[':
                return ReadArray();
            case '"' when At("\"\"\""):
                return ReadTripleQuoted();
            case '"' or '\'' or '`':
                return ReadQuoted(place);
            default:
                return ReadNumberOrBare(place);
        }
    }

    private LenientNode? ReadObject()
    {
        var start = _pos++;
        if (++_depth > MaxDepth)
        {
            return Fail(start, $"the JSON nests deeper than {MaxDepth} levels");
        }

        var members = new List<KeyValuePair<string, LenientNode>>();
        var node = new LenientNode(LenientKind.Object, start) { Members = members };
        while (true)
        {
            SkipSpace();
            if (_pos >= _end)
            {
                node.CutOff = true;
                Repair(start, "object not closed before the end of the answer; closed");
                break;
            }

            var c = _text[_pos];
            if (c == '}')
            {
                _pos++;
                break;
            }

            if (c == ']')
            {
                Repair(_pos, "']' where '}' closes the object; read as '}'");
                _pos++;
                break;
            }

            if (c == ',')
            {
                Repair(_pos, "extra comma in object; removed");
                _pos++;
                continue;
            }

            if (c is '{' or '[')
            {
                var at = _pos;
                if (ReadValue(Place.Member) is null)
                {
                    return null;
                }

                Repair(at, "value without a property name; dropped");
                SkipSeparator('}');
                continue;
            }

            var keyAt = _pos;
            var key = ReadKey();
            SkipSpace();
            if (_pos >= _end || _text[_pos] != ':')
            {
                Repair(keyAt, $"property \"{Clip(key)}\" has no value; dropped");
                SkipSeparator('}');
                continue;
            }

            _pos++;
            SkipSpace();
            if (_pos >= _end)
            {
                node.CutOff = true;
                Repair(keyAt, $"property \"{Clip(key)}\" cut off before its value; dropped");
                break;
            }

            Enter(key, -1);
            var value = ReadValue(Place.Member);
            Leave();
            if (value is null)
            {
                return null;
            }

            members.Add(new(key, value));
            SkipSeparator('}');
        }

        _depth--;
        return node;
    }

    private LenientNode? ReadArray()
    {
        var start = _pos++;
        if (++_depth > MaxDepth)
        {
            return Fail(start, $"the JSON nests deeper than {MaxDepth} levels");
        }

        var items = new List<LenientNode>();
        var node = new LenientNode(LenientKind.Array, start) { Items = items };
        while (true)
        {
            SkipSpace();
            if (_pos >= _end)
            {
                node.CutOff = true;
                Repair(start, "array not closed before the end of the answer; closed");
                break;
            }

            var c = _text[_pos];
            if (c == ']')
            {
                _pos++;
                break;
            }

            if (c == '}')
            {
                Repair(_pos, "'}' where ']' closes the array; read as ']'");
                _pos++;
                break;
            }

            if (c == ',')
            {
                Repair(_pos, "extra comma in array; removed");
                _pos++;
                continue;
            }

            Enter(null, items.Count);
            var value = ReadValue(Place.Item);
            Leave();
            if (value is null)
            {
                return null;
            }

            if (value.CutOff && value.Kind is LenientKind.String or LenientKind.Bare)
            {
                // A cut-off last element may be a prefix of the real one ("co" of "code"): never presented as complete.
                Repair(value.Offset, "last element cut off by the end of the answer; dropped");
                node.CutOff = true;
                break;
            }

            items.Add(value);
            SkipSeparator(']');
        }

        _depth--;
        return node;
    }

    /// <summary>After a member or element: a comma (a trailing one is noted), the closer, or a missing comma.</summary>
    private void SkipSeparator(char closer)
    {
        SkipSpace();
        if (_pos >= _end)
        {
            return;
        }

        var c = _text[_pos];
        if (c == ',')
        {
            var comma = _pos++;
            SkipSpace();
            if (_pos < _end && (_text[_pos] == closer || _text[_pos] is ']' or '}'))
            {
                Repair(comma, "trailing comma; removed");
            }
        }
        else if (c != closer && c is not (']' or '}'))
        {
            Repair(_pos, "missing comma; inserted");
        }
    }

    private string ReadKey()
    {
        var c = _text[_pos];
        if (c is '"' or '\'' or '`')
        {
            var quoted = ReadQuoted(Place.Key);
            if (c != '"')
            {
                Repair(quoted.Offset, "property name in " + (c == '\'' ? "single quotes" : "backticks") + "; double-quoted");
            }

            return quoted.Text!;
        }

        var start = _pos;
        while (_pos < _end && _text[_pos] is not (':' or ',' or '}' or ']' or '\n'))
        {
            _pos++;
        }

        var key = _text.AsSpan(start, _pos - start).Trim().ToString();
        Repair(start, $"property name {Clip(key)} not quoted; quoted");
        return key;
    }

    private LenientNode? Fail(int at, string message)
    {
        Failure ??= message;
        FailureOffset = at;
        return null;
    }

    private bool At(string token) => _pos + token.Length <= _end && string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;

    private void Repair(int offset, string description) => Repairs.Add(new RepairAt(offset, PathString(), description));

    private void Enter(string? key, int index)
    {
        _path.Add((key, index));
        _pathTexts.Add(null);
    }

    private void Leave()
    {
        _path.RemoveAt(_path.Count - 1);
        _pathTexts.RemoveAt(_pathTexts.Count - 1);
    }

    /// <summary>The JSON path of the current place: built from the longest prefix already built, then kept for the next repair there.</summary>
    private string PathString()
    {
        var count = _path.Count;
        if (count == 0)
        {
            return "$";
        }

        if (_pathTexts[count - 1] is { } cached)
        {
            return cached;
        }

        var i = count - 1;
        while (i > 0 && _pathTexts[i - 1] is null)
        {
            i--;
        }

        var text = i == 0 ? "$" : _pathTexts[i - 1]!;
        for (; i < count; i++)
        {
            var (key, index) = _path[i];
            text = key is null ? string.Create(CultureInfo.InvariantCulture, $"{text}[{index}]") : string.Concat(text, ".", key);
            _pathTexts[i] = text;
        }

        return text;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}

/// <summary>A repair at an offset of the answer text (turned into a line and column when reported).</summary>
internal readonly record struct RepairAt(int Offset, string Path, string Description, JsonRepairKind Kind = JsonRepairKind.Syntax);
