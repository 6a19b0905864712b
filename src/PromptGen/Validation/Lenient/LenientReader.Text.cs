using System.Buffers;
using System.Globalization;

namespace PromptGen.Validation.Lenient;

internal sealed partial class LenientReader
{
    private static readonly SearchValues<char> s_doubleQuoted = SearchValues.Create("\"\\\n\r");
    private static readonly SearchValues<char> s_singleQuoted = SearchValues.Create("'\\\n\r");
    private static readonly SearchValues<char> s_backticked = SearchValues.Create("`\\\n\r");

    /// <summary>Skips whitespace and comments (noted); a Markdown fence at the start of a line ends the value.</summary>
    private void SkipSpace()
    {
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                if (FenceAhead(_pos) is { } fence)
                {
                    _end = fence;
                    return;
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '/' && _pos + 1 < _end && _text[_pos + 1] is '/' or '*')
            {
                SkipComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipComment()
    {
        var start = _pos;
        if (_text[_pos + 1] == '/')
        {
            var newline = _text.IndexOf('\n', _pos, _end - _pos);
            _pos = newline < 0 ? _end : newline;
        }
        else
        {
            var close = _text.IndexOf("*/", _pos + 2, _end - _pos - 2, StringComparison.Ordinal);
            _pos = close < 0 ? _end : close + 2;
        }

        Repair(start, "comment; removed");
    }

    /// <summary>The offset of a line-initial ``` at or after <paramref name="lineStart"/>, if the line starts with one.</summary>
    private int? FenceAhead(int lineStart)
    {
        var i = lineStart;
        while (i < _end && _text[i] is ' ' or '\t')
        {
            i++;
        }

        return i + 3 <= _end && _text[i] == '`' && _text[i + 1] == '`' && _text[i + 2] == '`' ? i : null;
    }

    private LenientNode ReadQuoted(Place place)
    {
        var quote = _text[_pos];
        var start = _pos++;
        var buffer = _buffer.Clear();
        var rawNewline = false;
        var rawNewlineRepair = -1;
        var strayQuote = false;
        while (true)
        {
            if (_pos >= _end)
            {
                // The end of the answer is not part of the string: trailing whitespace (a final line break) is dropped.
                var length = buffer.Length;
                while (length > 0 && char.IsWhiteSpace(buffer[length - 1]))
                {
                    length--;
                }

                buffer.Length = length;
                if (rawNewlineRepair >= 0 && !buffer.ToString().Contains('\n', StringComparison.Ordinal))
                {
                    Repairs.RemoveAt(rawNewlineRepair);
                }

                Repair(start, "string not closed before the end of the answer; closed");
                return new LenientNode(LenientKind.String, start, buffer.ToString()) { CutOff = true };
            }

            // Plain characters up to the next quote, backslash or line break are copied as one run.
            var run = _text.AsSpan(_pos, _end - _pos).IndexOfAny(Specials(quote));
            if (run != 0)
            {
                var length = run < 0 ? _end - _pos : run;
                buffer.Append(_text, _pos, length);
                _pos += length;
                continue;
            }

            var c = _text[_pos];
            if (c == '\\' && _pos + 1 < _end)
            {
                ReadEscape(quote);
            }
            else if (c == quote)
            {
                if (place == Place.Top || ClosesString(_pos + 1, place))
                {
                    _pos++;
                    break;
                }

                if (!strayQuote)
                {
                    strayQuote = true;
                    Repair(_pos, "unescaped quote inside a string; kept as a character");
                }

                buffer.Append(c);
                _pos++;
            }
            else
            {
                if (c is '\n' or '\r' && !rawNewline)
                {
                    rawNewline = true;
                    rawNewlineRepair = Repairs.Count;
                    Repair(_pos, "raw line break inside a string; escaped");
                }

                buffer.Append(c);
                _pos++;
            }
        }

        if (quote != '"' && place != Place.Key)
        {
            Repair(start, quote == '\'' ? "string in single quotes; double-quoted" : "string in backticks; double-quoted");
        }

        return new LenientNode(LenientKind.String, start, buffer.ToString());
    }

    /// <summary>The characters that end a run of plain string text for a string opened with <paramref name="quote"/>.</summary>
    private static SearchValues<char> Specials(char quote) => quote switch
    {
        '"' => s_doubleQuoted,
        '\'' => s_singleQuoted,
        _ => s_backticked,
    };

    private void ReadEscape(char quote)
    {
        var e = _text[_pos + 1];
        var buffer = _buffer;
        switch (e)
        {
            case '"' or '\\' or '/' or '\'' or '`':
                buffer.Append(e);
                _pos += 2;
                return;
            case 'n':
                buffer.Append('\n');
                _pos += 2;
                return;
            case 't':
                buffer.Append('\t');
                _pos += 2;
                return;
            case 'r':
                buffer.Append('\r');
                _pos += 2;
                return;
            case 'b':
                buffer.Append('\b');
                _pos += 2;
                return;
            case 'f':
                buffer.Append('\f');
                _pos += 2;
                return;
            case 'u' when _pos + 6 <= _end && ushort.TryParse(_text.AsSpan(_pos + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                buffer.Append((char)code);
                _pos += 6;
                return;
            default:
                Repair(_pos, $"invalid escape '\\{e}' in a string (quote {quote}); kept as written");
                buffer.Append('\\');
                _pos++;
                return;
        }
    }

    /// <summary>Whether a quote at <paramref name="after"/> - 1 closes the string: what follows must fit the place.</summary>
    private bool ClosesString(int after, Place place)
    {
        var i = after;
        var limit = Math.Min(_end, after + MaxLookAhead);
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
            else if (c == '/' && i + 1 < limit && _text[i + 1] == '*')
            {
                var close = _text.IndexOf("*/", i + 2, limit - i - 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    return false;
                }

                i = close + 2;
            }
            else if (c == '/' && i + 1 < limit && _text[i + 1] == '/')
            {
                return true;
            }
            else
            {
                return place switch
                {
                    Place.Key => c == ':',
                    Place.Member => c is ',' or '}' || (newline && c is '"' or '\'' or '`') || (c == '`' && FenceAhead(LineStart(i)) == i),
                    _ => c is ',' or ']' || (newline && c is '"' or '\'' or '`' or '{' or '['),
                };
            }
        }

        return i >= _end;
    }

    private int LineStart(int i)
    {
        while (i > 0 && _text[i - 1] is ' ' or '\t')
        {
            i--;
        }

        return i;
    }

    private LenientNode ReadTripleQuoted()
    {
        var start = _pos;
        _pos += 3;
        var close = _text.IndexOf("\"\"\"", _pos, _end - _pos, StringComparison.Ordinal);
        Repair(start, "triple-quoted string; read as one JSON string");
        if (close < 0)
        {
            var rest = _text[_pos.._end];
            _pos = _end;
            Repair(start, "string not closed before the end of the answer; closed");
            return new LenientNode(LenientKind.String, start, rest) { CutOff = true };
        }

        var text = _text[_pos..close];
        _pos = close + 3;
        return new LenientNode(LenientKind.String, start, text);
    }
}
