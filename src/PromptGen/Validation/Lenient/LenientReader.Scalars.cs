namespace PromptGen.Validation.Lenient;

internal sealed partial class LenientReader
{
    /// <summary>A number (thousands separators accepted for a member value), a literal, or unquoted text up to the next separator.</summary>
    private LenientNode ReadNumberOrBare(Place place)
    {
        var start = _pos;
        if (ScanNumber(place) is { } numberEnd && EndsValue(numberEnd, place))
        {
            var text = _text[start..numberEnd];
            _pos = numberEnd;
            if (text.Contains(',', StringComparison.Ordinal))
            {
                Repair(start, $"number {text} written with thousands separators; read as {text.Replace(",", string.Empty, StringComparison.Ordinal)}");
                text = text.Replace(",", string.Empty, StringComparison.Ordinal);
            }

            var normalized = JsonNumber(text);
            if (normalized != text)
            {
                Repair(start, $"number {text} is not written as JSON; read as {normalized}");
                text = normalized;
            }

            return new LenientNode(LenientKind.Number, start, text);
        }

        var stop = place == Place.Item ? ']' : '}';
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (c == ',' || c == stop || (place == Place.Member && c == ']'))
            {
                break;
            }

            if (c == '\n' && FenceAhead(_pos + 1) is { } fence)
            {
                _end = fence;
                break;
            }

            if (c == '/' && _pos + 1 < _end && _text[_pos + 1] is '/' or '*' && _pos > start && char.IsWhiteSpace(_text[_pos - 1]))
            {
                break;
            }

            _pos++;
        }

        var bare = _text.AsSpan(start, _pos - start).TrimEnd().ToString();
        var cutOff = _pos >= _end;
        switch (bare)
        {
            case "true":
                return new LenientNode(LenientKind.True, start);
            case "false":
                return new LenientNode(LenientKind.False, start);
            case "null":
                return new LenientNode(LenientKind.Null, start);
            case "True" or "TRUE":
                Repair(start, $"Python-style literal {bare}; read as true");
                return new LenientNode(LenientKind.True, start);
            case "False" or "FALSE":
                Repair(start, $"Python-style literal {bare}; read as false");
                return new LenientNode(LenientKind.False, start);
            case "None" or "NULL" or "Null" or "undefined":
                Repair(start, $"literal {bare}; read as null");
                return new LenientNode(LenientKind.Null, start);
        }

        Repair(start, $"unquoted value \"{Clip(bare)}\"; read as a string");
        return new LenientNode(LenientKind.Bare, start, bare) { CutOff = cutOff };
    }

    /// <summary>The end of a number at the current position, or <see langword="null"/>.</summary>
    private int? ScanNumber(Place place)
    {
        var i = _pos;
        if (i < _end && _text[i] is '-' or '+')
        {
            i++;
        }

        var digits = i;
        while (i < _end && char.IsAsciiDigit(_text[i]))
        {
            i++;
        }

        var intDigits = i - digits;
        if (place == Place.Member && intDigits is > 0 and <= 3)
        {
            // 12,111 or -2,000.00 as a member value: a comma followed by exactly three digits and no fourth.
            while (i + 4 <= _end && _text[i] == ',' && char.IsAsciiDigit(_text[i + 1]) && char.IsAsciiDigit(_text[i + 2]) && char.IsAsciiDigit(_text[i + 3])
                && (i + 4 == _end || !char.IsAsciiDigit(_text[i + 4])))
            {
                i += 4;
            }
        }

        if (i < _end && _text[i] == '.')
        {
            var fraction = ++i;
            while (i < _end && char.IsAsciiDigit(_text[i]))
            {
                i++;
            }

            if (i == fraction)
            {
                return null;
            }
        }
        else if (intDigits == 0)
        {
            return null;
        }

        if (i < _end && _text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < _end && _text[j] is '+' or '-')
            {
                j++;
            }

            var exponent = j;
            while (j < _end && char.IsAsciiDigit(_text[j]))
            {
                j++;
            }

            if (j == exponent)
            {
                return null;
            }

            i = j;
        }

        return i;
    }

    private bool EndsValue(int i, Place place)
    {
        while (i < _end && _text[i] is ' ' or '\t' or '\r' or '\n')
        {
            i++;
        }

        if (i >= _end)
        {
            return true;
        }

        var c = _text[i];
        return c == ',' || (c == '/' && i + 1 < _end && _text[i + 1] is '/' or '*') || place switch
        {
            Place.Item => c == ']' || c == '}',
            Place.Member => c == '}' || c == ']' || c is '"' or '\'',
            _ => true,
        };
    }

    /// <summary>A number in JSON's form: no leading <c>+</c>, a <c>0</c> before a leading point, no leading zeros.</summary>
    internal static string JsonNumber(string text)
    {
        var sign = text[0] == '-' ? "-" : string.Empty;
        var body = text[0] is '-' or '+' ? text[1..] : text;
        if (body.StartsWith('.'))
        {
            body = "0" + body;
        }

        var digits = 0;
        while (digits < body.Length - 1 && body[digits] == '0' && char.IsAsciiDigit(body[digits + 1]))
        {
            digits++;
        }

        return sign + body[digits..];
    }
}
