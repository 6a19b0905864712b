using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PromptGen.Generators.Parsing;

/// <summary>The kinds of a JSON value read by <see cref="ExampleJson"/>.</summary>
internal enum JsonValueType
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A JSON value with where it is in the text, so example diagnostics land on its characters.</summary>
internal sealed class JsonValueNode
{
    public JsonValueNode(JsonValueType type, int start)
    {
        Type = type;
        Start = start;
    }

    public JsonValueType Type { get; }

    public int Start { get; }

    public int Length { get; set; }

    /// <summary>Gets or sets a string's value or a number's text.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Gets an object's members in order: name, where the name (with its quotes) starts, its length, the value.</summary>
    public List<(string Name, int Start, int Length, JsonValueNode Value)> Members { get; } = new();

    public List<JsonValueNode> Items { get; } = new();

    public string Describe() => Type switch
    {
        JsonValueType.String => "the text \"" + Text + "\"",
        JsonValueType.Number => "the number " + Text,
        JsonValueType.True => "true",
        JsonValueType.False => "false",
        JsonValueType.Null => "null",
        JsonValueType.Array => "an array",
        _ => "an object",
    };
}

/// <summary>
/// A small strict JSON reader (RFC 8259: no comments, no trailing commas, no repeated keys) for the texts of
/// <c>[PromptExample]</c>: the generator runs on netstandard2.0 without System.Text.Json, and needs positions.
/// </summary>
internal sealed class ExampleJson
{
    private readonly string _text;
    private int _at;

    private ExampleJson(string text) => _text = text;

    /// <summary>Reads <paramref name="text"/>; on a syntax error returns <see langword="null"/> with the message and offset.</summary>
    public static JsonValueNode? Parse(string text, out string? error, out int errorAt)
    {
        var reader = new ExampleJson(text);
        try
        {
            var value = reader.Value(0);
            reader.Space();
            if (reader._at < text.Length)
            {
                throw new JsonSyntax(reader._at, "unexpected '" + text[reader._at] + "' after the value");
            }

            error = null;
            errorAt = 0;
            return value;
        }
        catch (JsonSyntax syntax)
        {
            error = syntax.Message;
            errorAt = syntax.At;
            return null;
        }
    }

    private JsonValueNode Value(int depth)
    {
        Space();
        if (depth > 64)
        {
            throw new JsonSyntax(_at, "nested too deeply");
        }

        if (_at >= _text.Length)
        {
            throw new JsonSyntax(_text.Length, "the text ends where a value was expected");
        }

        var start = _at;
        var c = _text[_at];
        JsonValueNode node;
        switch (c)
        {
            case '{':
                node = Object(depth);
                break;
            case '[':
                node = Array(depth);
                break;
            case '"':
                node = new JsonValueNode(JsonValueType.String, start) { Text = String() };
                break;
            case 't':
                node = Word("true", JsonValueType.True);
                break;
            case 'f':
                node = Word("false", JsonValueType.False);
                break;
            case 'n':
                node = Word("null", JsonValueType.Null);
                break;
            default:
                node = c == '-' || char.IsDigit(c) ? Number() : throw new JsonSyntax(_at, "unexpected '" + c + "'; expected a value (an object, array, string, number, true, false or null)");
                break;
        }

        node.Length = _at - start;
        return node;
    }

    private JsonValueNode Object(int depth)
    {
        var node = new JsonValueNode(JsonValueType.Object, _at++);
        Space();
        if (Peek() == '}')
        {
            _at++;
            return node;
        }

        while (true)
        {
            Space();
            if (Peek() != '"')
            {
                throw new JsonSyntax(_at, "expected a property name in double quotes");
            }

            var nameStart = _at;
            var name = String();
            if (node.Members.Exists(m => m.Name == name))
            {
                throw new JsonSyntax(nameStart, "the key \"" + name + "\" appears twice");
            }

            var nameLength = _at - nameStart;
            Space();
            Expect(':');
            node.Members.Add((name, nameStart, nameLength, Value(depth + 1)));
            Space();
            if (Peek() == ',')
            {
                _at++;
                continue;
            }

            Expect('}');
            return node;
        }
    }

    private JsonValueNode Array(int depth)
    {
        var node = new JsonValueNode(JsonValueType.Array, _at++);
        Space();
        if (Peek() == ']')
        {
            _at++;
            return node;
        }

        while (true)
        {
            node.Items.Add(Value(depth + 1));
            Space();
            if (Peek() == ',')
            {
                _at++;
                continue;
            }

            Expect(']');
            return node;
        }
    }

    private string String()
    {
        var text = new StringBuilder();
        _at++;
        while (true)
        {
            if (_at >= _text.Length)
            {
                throw new JsonSyntax(_text.Length, "the string is not closed (a '\"' is missing)");
            }

            var c = _text[_at];
            if (c == '"')
            {
                _at++;
                return text.ToString();
            }

            if (c < ' ')
            {
                throw new JsonSyntax(_at, "a control character (a line break?) inside a string; write it as \\n");
            }

            if (c != '\\')
            {
                text.Append(c);
                _at++;
                continue;
            }

            var escape = _at + 1 < _text.Length ? _text[_at + 1] : '\0';
            switch (escape)
            {
                case '"': case '\\': case '/': text.Append(escape); _at += 2; break;
                case 'b': text.Append('\b'); _at += 2; break;
                case 'f': text.Append('\f'); _at += 2; break;
                case 'n': text.Append('\n'); _at += 2; break;
                case 'r': text.Append('\r'); _at += 2; break;
                case 't': text.Append('\t'); _at += 2; break;
                case 'u' when _at + 6 <= _text.Length && int.TryParse(_text.Substring(_at + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    text.Append((char)code);
                    _at += 6;
                    break;
                default:
                    throw new JsonSyntax(_at, "invalid escape sequence in a string");
            }
        }
    }

    private JsonValueNode Number()
    {
        var start = _at;
        if (Peek() == '-')
        {
            _at++;
        }

        var digits = Digits();
        if (digits == 0 || (_text[start] == '0' || (_text[start] == '-' && _text[start + 1] == '0')) && digits > 1)
        {
            throw new JsonSyntax(start, "invalid number");
        }

        if (Peek() == '.')
        {
            _at++;
            if (Digits() == 0)
            {
                throw new JsonSyntax(_at, "invalid number: digits expected after '.'");
            }
        }

        if (Peek() is 'e' or 'E')
        {
            _at++;
            if (Peek() is '+' or '-')
            {
                _at++;
            }

            if (Digits() == 0)
            {
                throw new JsonSyntax(_at, "invalid number: digits expected in the exponent");
            }
        }

        return new JsonValueNode(JsonValueType.Number, start) { Text = _text.Substring(start, _at - start) };
    }

    private int Digits()
    {
        var start = _at;
        while (_at < _text.Length && _text[_at] >= '0' && _text[_at] <= '9')
        {
            _at++;
        }

        return _at - start;
    }

    private JsonValueNode Word(string word, JsonValueType type)
    {
        if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0)
        {
            throw new JsonSyntax(_at, "unexpected '" + _text[_at] + "'; expected a value (strings need double quotes)");
        }

        var node = new JsonValueNode(type, _at);
        _at += word.Length;
        return node;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new JsonSyntax(_at, _at < _text.Length ? "expected '" + c + "', not '" + _text[_at] + "'" : "the text ends where '" + c + "' was expected");
        }

        _at++;
    }

    private char Peek() => _at < _text.Length ? _text[_at] : '\0';

    private void Space()
    {
        while (_at < _text.Length && _text[_at] is ' ' or '\t' or '\n' or '\r')
        {
            _at++;
        }
    }

    private sealed class JsonSyntax(int at, string message) : System.Exception(message)
    {
        public int At { get; } = at;
    }
}
