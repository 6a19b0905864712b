using System.Collections.Generic;
using System.Text;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Templates;

/// <summary>
/// Parses prompt templates into a tree: literal text, <c>{path}</c> and <c>{path:format}</c> placeholders,
/// <c>{#if}</c>/<c>{:else}</c>/<c>{/if}</c>, <c>{#each … as …}</c>/<c>{/each}</c>, role section markers, <c>{{</c> and <c>}}</c>.
/// A block tag alone on its line takes the whole line with it (no blank lines are left). Pure string in, values out.
/// </summary>
internal static partial class TemplateParser
{
    public static ParsedTemplate Parse(string template) => new State(template).Run();

    private sealed partial class State
    {
        private readonly string _template;
        private readonly List<TemplatePart> _root = new();
        private readonly List<Frame> _stack = new();
        private readonly List<TemplateError> _errors = new();
        private readonly StringBuilder _literal = new();
        private int _literalStart;

        public State(string template) => _template = template;

        private List<TemplatePart> Current => _stack.Count == 0 ? _root : _stack[_stack.Count - 1].Parts;

        public ParsedTemplate Run()
        {
            var i = 0;
            while (i < _template.Length)
            {
                var c = _template[i];
                if ((c == '{' || c == '}') && i + 1 < _template.Length && _template[i + 1] == c)
                {
                    Append(c, i);
                    i += 2;
                    continue;
                }

                if (c == '}')
                {
                    _errors.Add(new TemplateError("a '}' closes no placeholder; write '}}' for a literal brace", i, 1));
                    i++;
                    continue;
                }

                if (c != '{')
                {
                    Append(c, i);
                    i++;
                    continue;
                }

                var close = _template.IndexOf('}', i + 1);
                var nextOpen = _template.IndexOf('{', i + 1);
                if (close < 0 || (nextOpen >= 0 && nextOpen < close))
                {
                    _errors.Add(new TemplateError("a '{' is never closed; close the placeholder with '}' or write '{{' for a literal brace", i, 1));
                    i++;
                    continue;
                }

                var body = _template.Substring(i + 1, close - i - 1);
                if (body.Length > 0 && body[0] is '#' or ':' or '/')
                {
                    i = Tag(body, i, close);
                    continue;
                }

                Flush(i);
                Placeholder(body, i, close);
                i = close + 1;
            }

            Flush(_template.Length);
            for (var open = _stack.Count - 1; open >= 0; open--)
            {
                var frame = _stack[open];
                _errors.Add(new TemplateError(
                    $"'{frame.Tag}' is never closed; add '{{/{frame.Kind.ToString().ToLowerInvariant()}}}' where the block ends",
                    frame.TagOffset,
                    frame.Tag.Length,
                    TemplateErrorKind.Unclosed));
            }

            return new ParsedTemplate(_root.ToEquatableArray(), _errors.ToEquatableArray());
        }

        private void Append(char value, int at)
        {
            if (_literal.Length == 0)
            {
                _literalStart = at;
            }

            _literal.Append(value);
        }

        private void Flush(int end)
        {
            if (_literal.Length > 0)
            {
                Current.Add(TemplatePart.Literal(_literal.ToString(), _literalStart, end - _literalStart));
                _literal.Clear();
            }
        }

        private void Placeholder(string body, int open, int close)
        {
            var colon = body.IndexOf(':');
            var path = colon < 0 ? body : body.Substring(0, colon);
            var format = colon < 0 ? null : body.Substring(colon + 1);
            if (PathProblem(path) is { } problem)
            {
                var message = path.Length == 0
                    ? "the placeholder '{" + body + "}' names no parameter; write '{parameter}' or '{{' for a literal brace"
                    : "the placeholder '{" + body + "}' is not '{parameter}', '{parameter.Member}' or '{parameter:format}' (" + problem + "); write '{{' and '}}' for literal braces";
                _errors.Add(new TemplateError(message, open, close - open + 1));
            }
            else if (format is { Length: 0 })
            {
                _errors.Add(new TemplateError("the placeholder '{" + body + "}' has an empty format after ':'; remove the ':' or add a format such as 'N2'", open, close - open + 1));
            }
            else
            {
                Current.Add(TemplatePart.Placeholder(path, format, open + 1, path.Length));
            }
        }

        /// <summary>Why <paramref name="path"/> is not a member path or a loop marker, or <see langword="null"/>.</summary>
        private static string? PathProblem(string path)
        {
            if (path.Length > 0 && path[0] == '@')
            {
                return path is "@index" or "@number" or "@first" or "@last" ? null : "the loop markers are @index, @number, @first and @last";
            }

            var parsed = MemberPath.Parse(path);
            if (parsed.Problem is not null)
            {
                return "a name is letters, digits and '_', members are separated by '.'";
            }

            foreach (var segment in parsed.Segments)
            {
                if (segment.Indexes > 0)
                {
                    return "a template does not index collections; loop over them with {#each items as item}";
                }

                if (!MemberPath.IsIdentifier(segment.Name))
                {
                    return "a name is letters, digits and '_', members are separated by '.'";
                }
            }

            return null;
        }

        /// <summary>A part on the stack: an open <c>{#if}</c> or <c>{#each}</c>.</summary>
        private sealed class Frame
        {
            public Frame(TemplatePart head, string tag, int tagOffset)
            {
                Head = head;
                Tag = tag;
                TagOffset = tagOffset;
            }

            public TemplatePart Head { get; }

            public TemplateBlock Kind => Head.Block;

            public string Tag { get; }

            public int TagOffset { get; }

            public List<TemplatePart> Body { get; } = new();

            public List<TemplatePart>? Else { get; set; }

            public List<TemplatePart> Parts => Else ?? Body;
        }
    }
}
