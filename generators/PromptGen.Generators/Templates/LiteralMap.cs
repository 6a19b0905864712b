using System;
using System.Collections.Generic;
using System.Globalization;

namespace PromptGen.Generators.Templates;

/// <summary>
/// Maps each character of a C# string literal's value back to its position in the literal's source text, for regular
/// (<c>"…"</c> with escapes), verbatim (<c>@"…"</c>) and raw (<c>"""…"""</c>, one or several lines) literals, so template
/// diagnostics land on the exact characters even in multi-line inline templates.
/// </summary>
internal static class LiteralMap
{
    /// <summary>
    /// The position in <paramref name="token"/> of each character of <paramref name="value"/>, plus one for its end;
    /// <see langword="null"/> when the token is not a literal this maps or does not decode to <paramref name="value"/>.
    /// </summary>
    public static int[]? Map(string token, string value)
    {
        List<int>? positions;
        string decoded;
        if (token.StartsWith("\"\"\"", StringComparison.Ordinal))
        {
            positions = Raw(token, out decoded);
        }
        else if (token.StartsWith("@\"", StringComparison.Ordinal))
        {
            positions = Verbatim(token, out decoded);
        }
        else if (token.StartsWith("\"", StringComparison.Ordinal))
        {
            positions = Regular(token, out decoded);
        }
        else
        {
            return null;
        }

        return positions is not null && decoded == value ? positions.ToArray() : null;
    }

    private static List<int>? Regular(string token, out string decoded)
    {
        var positions = new List<int>();
        var text = new System.Text.StringBuilder();
        var i = 1;
        while (i < token.Length - 1)
        {
            var start = i;
            if (token[i] != '\\')
            {
                text.Append(token[i++]);
                positions.Add(start);
                continue;
            }

            var escape = token[i + 1];
            i += 2;
            string? chars = escape switch
            {
                '\\' => "\\",
                '"' => "\"",
                '\'' => "'",
                '0' => "\0",
                'a' => "\a",
                'b' => "\b",
                'f' => "\f",
                'n' => "\n",
                'r' => "\r",
                't' => "\t",
                'v' => "\v",
                'e' => "\u001b",
                _ => null,
            };
            if (chars is null)
            {
                var digits = escape == 'U' ? 8 : escape == 'u' ? 4 : 0;
                var length = digits;
                if (escape == 'x')
                {
                    while (length < 4 && i + length < token.Length - 1 && Uri.IsHexDigit(token[i + length]))
                    {
                        length++;
                    }
                }

                if (length == 0 || i + length > token.Length - 1)
                {
                    decoded = string.Empty;
                    return null;
                }

                var code = int.Parse(token.Substring(i, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                chars = char.ConvertFromUtf32(code);
                i += length;
            }

            foreach (var c in chars)
            {
                text.Append(c);
                positions.Add(start);
            }
        }

        positions.Add(token.Length - 1);
        decoded = text.ToString();
        return positions;
    }

    private static List<int> Verbatim(string token, out string decoded)
    {
        var positions = new List<int>();
        var text = new System.Text.StringBuilder();
        var i = 2;
        while (i < token.Length - 1)
        {
            positions.Add(i);
            text.Append(token[i]);
            i += token[i] == '"' ? 2 : 1;
        }

        positions.Add(token.Length - 1);
        decoded = text.ToString();
        return positions;
    }

    private static List<int>? Raw(string token, out string decoded)
    {
        var quotes = 0;
        while (quotes < token.Length && token[quotes] == '"')
        {
            quotes++;
        }

        var end = token.Length - quotes;
        var positions = new List<int>();
        var text = new System.Text.StringBuilder();
        var firstBreak = token.IndexOf('\n', quotes);
        if (firstBreak < 0 || firstBreak >= end)
        {
            for (var i = quotes; i < end; i++)
            {
                positions.Add(i);
                text.Append(token[i]);
            }

            positions.Add(end);
            decoded = text.ToString();
            return positions;
        }

        // Several lines: the content starts after the opening line, ends before the closing line's break, and loses
        // the closing line's indentation on every line.
        var closingLineStart = token.LastIndexOf('\n', end - 1) + 1;
        var indentation = end - closingLineStart;
        var contentEnd = closingLineStart - 1;
        if (contentEnd > 0 && token[contentEnd - 1] == '\r')
        {
            contentEnd--;
        }

        var line = firstBreak + 1;
        while (line <= contentEnd)
        {
            var lineEnd = token.IndexOf('\n', line);
            lineEnd = lineEnd < 0 || lineEnd > contentEnd ? contentEnd : lineEnd;
            var from = Math.Min(line + indentation, lineEnd);
            for (var i = from; i < lineEnd; i++)
            {
                positions.Add(i);
                text.Append(token[i]);
            }

            if (lineEnd < contentEnd)
            {
                positions.Add(lineEnd);
                text.Append('\n');
            }

            line = lineEnd + 1;
        }

        positions.Add(contentEnd);
        decoded = text.ToString();
        return positions;
    }
}
