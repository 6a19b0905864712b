using System.Collections.Generic;
using System.Text;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Templates;

/// <summary>
/// Parses prompt templates: <c>{name}</c> and <c>{name:format}</c> placeholders, <c>{{</c> and <c>}}</c> literal braces.
/// Pure string in, values out, so it is tested without Roslyn.
/// </summary>
internal static class TemplateParser
{
    public static ParsedTemplate Parse(string template)
    {
        var parts = new List<TemplatePart>();
        var errors = new List<TemplateError>();
        var literal = new StringBuilder();
        var literalStart = 0;
        var i = 0;

        void FlushLiteral(int end)
        {
            if (literal.Length > 0)
            {
                parts.Add(TemplatePart.Literal(literal.ToString(), literalStart, end - literalStart));
                literal.Clear();
            }
        }

        void Append(char value, int at)
        {
            if (literal.Length == 0)
            {
                literalStart = at;
            }

            literal.Append(value);
        }

        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                Append('{', i);
                i += 2;
                continue;
            }

            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                Append('}', i);
                i += 2;
                continue;
            }

            if (c == '}')
            {
                errors.Add(new TemplateError("a '}' closes no placeholder; write '}}' for a literal brace", i, 1));
                i++;
                continue;
            }

            if (c != '{')
            {
                Append(c, i);
                i++;
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            var nextOpen = template.IndexOf('{', i + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                errors.Add(new TemplateError("a '{' is never closed; close the placeholder with '}' or write '{{' for a literal brace", i, 1));
                i++;
                continue;
            }

            FlushLiteral(i);
            var body = template.Substring(i + 1, close - i - 1);
            var colon = body.IndexOf(':');
            var name = colon < 0 ? body : body.Substring(0, colon);
            var format = colon < 0 ? null : body.Substring(colon + 1);
            if (!IsIdentifier(name))
            {
                var problem = name.Length == 0
                    ? "the placeholder '{" + body + "}' names no parameter; write '{parameter}' or '{{' for a literal brace"
                    : "the placeholder '{" + body + "}' is not '{parameter}' or '{parameter:format}' (a parameter name is letters, digits and '_'); write '{{' and '}}' for literal braces";
                errors.Add(new TemplateError(problem, i, close - i + 1));
            }
            else if (format is { Length: 0 })
            {
                errors.Add(new TemplateError("the placeholder '{" + body + "}' has an empty format after ':'; remove the ':' or add a format such as 'N2'", i, close - i + 1));
            }
            else
            {
                parts.Add(TemplatePart.Placeholder(name, format, i + 1, name.Length));
            }

            i = close + 1;
        }

        FlushLiteral(template.Length);
        return new ParsedTemplate(parts.ToEquatableArray(), errors.ToEquatableArray());
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
