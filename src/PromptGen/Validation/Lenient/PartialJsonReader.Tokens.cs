using System.Globalization;

namespace PromptGen.Validation.Lenient;

internal sealed partial class PartialJsonReader
{
    private static readonly System.Buffers.SearchValues<char> s_grouped = System.Buffers.SearchValues.Create("0123456789,");
    private static readonly System.Buffers.SearchValues<char> s_keyEnd = System.Buffers.SearchValues.Create(":,}]\n");

    private bool StartString(char quote)
    {
        if (quote == '"' && _stack[^1].State != Expect.Key)
        {
            // A triple-quoted text, read as one string: decided once the third character has come.
            if (_pos + 2 >= _length && !_ended && (_pos + 1 >= _length || _text[_pos + 1] == '"'))
            {
                return Wait();
            }

            if (_pos + 2 < _length && _text[_pos + 1] == '"' && _text[_pos + 2] == '"')
            {
                _token = Token.Triple;
                _tokenStart = _pos;
                _pos += 3;
                _string.Clear();
                return true;
            }
        }

        _token = Token.String;
        _quote = quote;
        _tokenStart = _pos++;
        _string.Clear();
        return true;
    }

    private bool ContinueTriple()
    {
        var span = _text.AsSpan(_pos, _length - _pos);
        var close = span.IndexOf("\"\"\"");
        if (close < 0)
        {
            // The last two characters wait: they may begin the closing quotes.
            var safe = _ended ? span.Length : Math.Max(0, span.Length - 2);
            _string.Append(span[..safe]);
            _pos += safe;
            return _ended ? Skip() : Wait();
        }

        _string.Append(span[..close]);
        _pos += close + 3;
        FinishString(_stack[^1], isKey: false);
        return true;
    }

    private bool ContinueString()
    {
        var frame = _stack[^1];
        var isKey = frame.State == Expect.Key;
        var isItem = frame.Node.Kind == LenientKind.Array;
        while (_pos < _length)
        {
            // Plain characters in one block: the common case costs one search and one copy per chunk.
            var span = _text.AsSpan(_pos, _length - _pos);
            var special = span.IndexOfAny(_quote, '\\');
            if (special < 0)
            {
                _string.Append(span);
                _pos = _length;
                return true;
            }

            _string.Append(span[..special]);
            _pos += special;
            if (_text[_pos] == '\\')
            {
                if (!ReadEscape())
                {
                    return Wait();
                }

                continue;
            }

            switch (Closes(_pos + 1, isKey, isItem))
            {
                case null:
                    return Wait();
                case true:
                    _pos++;
                    FinishString(frame, isKey);
                    return true;
                default:
                    // An unescaped quote inside the string, kept as a character (the lenient reader's rule).
                    _string.Append(_quote);
                    _pos++;
                    break;
            }
        }

        return true;
    }

    private bool ReadEscape()
    {
        if (_pos + 1 >= _length)
        {
            if (!_ended)
            {
                return false;
            }

            _string.Append('\\');
            _pos++;
            return true;
        }

        var e = _text[_pos + 1];
        char? plain = e switch
        {
            '"' or '\\' or '/' or '\'' or '`' => e,
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'b' => '\b',
            'f' => '\f',
            _ => null,
        };
        if (plain is { } p)
        {
            _string.Append(p);
            _pos += 2;
            return true;
        }

        if (e == 'u')
        {
            if (_pos + 6 > _length && !_ended)
            {
                return false;
            }

            if (_pos + 6 <= _length && ushort.TryParse(_text.AsSpan(_pos + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                _string.Append((char)code);
                _pos += 6;
                return true;
            }
        }

        _string.Append('\\');
        _pos++;
        return true;
    }

    /// <summary>Whether the quote before <paramref name="after"/> closes the string (the lenient reader's rule); <see langword="null"/> until enough text has come to say.</summary>
    private bool? Closes(int after, bool isKey, bool isItem)
    {
        var i = after;
        var limit = Math.Min(_length, after + MaxLookAhead);
        var newline = false;
        while (i < limit)
        {
            var c = _text[i];
            if (c == '\n')
            {
                newline = true;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 >= _length && !_ended)
            {
                return null;
            }
            else if (c == '/' && i + 1 < limit && _text[i + 1] == '*')
            {
                var close = _text.AsSpan(i + 2, limit - i - 2).IndexOf("*/");
                if (close < 0)
                {
                    return limit == _length && !_ended ? null : false;
                }

                i += close + 4;
            }
            else if (c == '/' && i + 1 < limit && _text[i + 1] == '/')
            {
                return true;
            }
            else
            {
                return isKey ? c == ':'
                    : !isItem ? c is ',' or '}' || (newline && c is '"' or '\'' or '`')
                    : c is ',' or ']' || (newline && c is '"' or '\'' or '`' or '{' or '[');
            }
        }

        return i >= after + MaxLookAhead ? false : _ended ? true : null;
    }

    private void FinishString(Frame frame, bool isKey)
    {
        _token = Token.None;
        var text = _string.ToString();
        if (isKey)
        {
            frame.Key = text;
            frame.State = Expect.Colon;
            return;
        }

        Attach(frame, new LenientNode(LenientKind.String, _tokenStart, text));
        Completed++;
    }

    private bool ContinueKey()
    {
        var span = _text.AsSpan(_pos, _length - _pos);
        var end = span.IndexOfAny(s_keyEnd);
        if (end < 0)
        {
            _pos = _length;
            return true;
        }

        _pos += end;
        var frame = _stack[^1];
        frame.Key = _text.AsSpan(_tokenStart, _pos - _tokenStart).Trim().ToString();
        frame.State = Expect.Colon;
        _token = Token.None;
        return true;
    }

    private bool ContinueScalar()
    {
        var frame = _stack[^1];
        var isItem = frame.Node.Kind == LenientKind.Array;
        var i = _pos;
        while (i < _length)
        {
            var c = _text[i];
            if (c == ',')
            {
                var group = isItem ? false : Thousands(i);
                if (group is null)
                {
                    _pos = i;
                    return Wait();
                }

                if (group.Value)
                {
                    i += 4;
                    continue;
                }

                break;
            }

            if (c == ']' || (!isItem && c == '}'))
            {
                break;
            }

            if (c == '/' && i > _tokenStart && char.IsWhiteSpace(_text[i - 1]))
            {
                if (i + 1 >= _length && !_ended)
                {
                    _pos = i;
                    return Wait();
                }

                if (i + 1 < _length && _text[i + 1] is '/' or '*')
                {
                    break;
                }
            }

            i++;
        }

        if (i >= _length && !_ended)
        {
            _pos = _length;
            return true;
        }

        _pos = i;
        _token = Token.None;
        var text = _text.AsSpan(_tokenStart, i - _tokenStart).TrimEnd();
        Attach(frame, Scalar(text, _tokenStart, isItem));
        Completed++;
        return true;
    }

    /// <summary>Whether the comma at <paramref name="i"/> separates thousands of a member number (<c>12,111</c>); <see langword="null"/> until the next four characters have come.</summary>
    private bool? Thousands(int i)
    {
        var token = _text.AsSpan(_tokenStart, i - _tokenStart);
        if (token.Length > 0 && token[0] is '-' or '+')
        {
            token = token[1..];
        }

        var lead = token.IndexOf(',') is var comma and >= 0 ? comma : token.Length;
        if (lead is 0 or > 3 || token.ContainsAnyExcept(s_grouped))
        {
            return false;
        }

        for (var k = 1; k <= 3; k++)
        {
            if (i + k >= _length)
            {
                return _ended ? false : null;
            }

            if (!char.IsAsciiDigit(_text[i + k]))
            {
                return false;
            }
        }

        return i + 4 >= _length ? (_ended ? true : null) : !char.IsAsciiDigit(_text[i + 4]);
    }

    private static LenientNode Scalar(ReadOnlySpan<char> text, int offset, bool isItem) => text switch
    {
        "true" or "True" or "TRUE" => new LenientNode(LenientKind.True, offset),
        "false" or "False" or "FALSE" => new LenientNode(LenientKind.False, offset),
        "null" or "None" or "NULL" or "Null" or "undefined" => new LenientNode(LenientKind.Null, offset),
        _ when IsNumber(text, allowGroups: !isItem) => new LenientNode(LenientKind.Number, offset, LenientReader.JsonNumber(text.ToString().Replace(",", string.Empty, StringComparison.Ordinal))),
        _ => new LenientNode(LenientKind.Bare, offset, text.ToString()),
    };

    private static bool IsNumber(ReadOnlySpan<char> text, bool allowGroups)
    {
        var i = 0;
        if (i < text.Length && text[i] is '-' or '+')
        {
            i++;
        }

        var digits = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || (allowGroups && text[i] == ',')))
        {
            i++;
        }

        var whole = i - digits;
        if (i < text.Length && text[i] == '.')
        {
            var fraction = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == fraction)
            {
                return false;
            }
        }
        else if (whole == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var exponent = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == exponent)
            {
                return false;
            }
        }

        return i == text.Length;
    }
}
