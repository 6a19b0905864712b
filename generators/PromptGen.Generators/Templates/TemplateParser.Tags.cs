using PromptGen.Generators.Models;

namespace PromptGen.Generators.Templates;

/// <summary>Block tags: <c>{#…}</c> opens, <c>{:else}</c> switches, <c>{/…}</c> closes; role markers stand alone.</summary>
internal static partial class TemplateParser
{
    private sealed partial class State
    {
        /// <summary>Handles the tag <c>{body}</c> at <paramref name="open"/>..<paramref name="close"/>; returns where parsing goes on.</summary>
        private int Tag(string body, int open, int close)
        {
            var next = Standalone(open, close, out var lineStart);
            if (next >= 0)
            {
                // The tag is alone on its line: drop the indentation before it (already in the literal) and the line break after it.
                var indentation = open - lineStart;
                _literal.Length = System.Math.Max(0, _literal.Length - indentation);
            }
            else
            {
                next = close + 1;
            }

            Flush(open);
            var tag = "{" + body + "}";
            var length = close - open + 1;
            var word = body.Split(' ')[0];
            switch (word)
            {
                case "#if":
                    If(body, open, tag);
                    break;
                case "#each":
                    Each(body, open, tag);
                    break;
                case "#system":
                case "#user":
                case "#assistant":
                    if (body.Trim() != word)
                    {
                        _errors.Add(new TemplateError($"'{tag}' takes nothing after the role; write '{{{word}}}' on its own line", open, length));
                    }
                    else
                    {
                        Current.Add(new TemplatePart(false, word.Substring(1), null, open + 2, word.Length - 1, TemplateBlock.Role));
                    }

                    break;
                case ":else":
                    Else(body, open, tag);
                    break;
                case "/if":
                case "/each":
                    Close(body, open, tag);
                    break;
                default:
                    _errors.Add(new TemplateError(
                        $"'{tag}' is not a known tag; the blocks are {{#if condition}}, {{:else}}, {{/if}}, {{#each items as item}}, {{/each}} and the role sections {{#system}}, {{#user}}, {{#assistant}} (write '{{{{' for a literal brace)",
                        open,
                        length));
                    break;
            }

            return next;
        }

        private void If(string body, int open, string tag)
        {
            var condition = body.Substring("#if".Length);
            var start = open + 1 + "#if".Length + (condition.Length - condition.TrimStart().Length);
            condition = condition.Trim();
            var negated = condition.StartsWith("!", System.StringComparison.Ordinal);
            var path = negated ? condition.Substring(1).TrimStart() : condition;
            if (negated)
            {
                start += condition.Length - path.Length;
            }

            if (path.Length == 0 || PathProblem(path) is not null)
            {
                _errors.Add(new TemplateError($"'{tag}' needs a condition: a parameter, a member path or a loop marker, optionally negated with '!' (e.g. '{{#if order.Notes}}', '{{#if !@last}}')", open, tag.Length));
                path = "?";
            }

            _stack.Add(new Frame(new TemplatePart(false, path, null, start, path.Length, TemplateBlock.If, negated), tag, open));
        }

        private void Each(string body, int open, string tag)
        {
            var rest = body.Substring("#each".Length);
            var at = rest.IndexOf(" as ", System.StringComparison.Ordinal);
            var path = at < 0 ? rest.Trim() : rest.Substring(0, at).Trim();
            var alias = at < 0 ? string.Empty : rest.Substring(at + 4).Trim();
            var pathStart = open + 1 + "#each".Length + (rest.Length - rest.TrimStart().Length);
            var aliasStart = at < 0 ? open : open + 1 + "#each".Length + at + 4 + (rest.Substring(at + 4).Length - rest.Substring(at + 4).TrimStart().Length);
            if (path.Length == 0 || PathProblem(path) is not null || path[0] == '@' || !MemberPath.IsIdentifier(alias))
            {
                _errors.Add(new TemplateError($"'{tag}' is not '{{#each items as item}}': name the collection (a parameter or member path) and, after ' as ', the item (letters, digits and '_')", open, tag.Length));
                path = "?";
                alias = "?";
            }

            _stack.Add(new Frame(new TemplatePart(false, path, null, pathStart, path.Length, TemplateBlock.Each, Alias: alias, AliasOffset: aliasStart), tag, open));
        }

        private void Else(string body, int open, string tag)
        {
            var top = _stack.Count == 0 ? null : _stack[_stack.Count - 1];
            if (body.Trim() != ":else")
            {
                _errors.Add(new TemplateError($"'{tag}' is not '{{:else}}'; PromptGen has no 'else if': nest another {{#if}} inside the {{:else}} branch", open, tag.Length));
            }
            else if (top is null || top.Kind != TemplateBlock.If)
            {
                var where = top is null ? "outside any block" : $"inside '{top.Tag}', which has no else branch";
                _errors.Add(new TemplateError($"'{{:else}}' stands {where}; it belongs between '{{#if condition}}' and '{{/if}}'", open, tag.Length, TemplateErrorKind.Else));
            }
            else if (top.Else is not null)
            {
                _errors.Add(new TemplateError($"'{top.Tag}' already has an '{{:else}}'; an {{#if}} takes at most one", open, tag.Length, TemplateErrorKind.Else));
            }
            else
            {
                top.Else = new();
            }
        }

        private void Close(string body, int open, string tag)
        {
            var kind = body.Trim() == "/if" ? TemplateBlock.If : TemplateBlock.Each;
            if (body.Trim() != "/if" && body.Trim() != "/each")
            {
                _errors.Add(new TemplateError($"'{tag}' is not '{{/if}}' or '{{/each}}'", open, tag.Length));
                return;
            }

            if (_stack.Count == 0)
            {
                _errors.Add(new TemplateError($"'{tag}' closes no block; remove it or open the block with '{{#{kind.ToString().ToLowerInvariant()} …}}' before it", open, tag.Length, TemplateErrorKind.Stray));
                return;
            }

            var top = _stack[_stack.Count - 1];
            if (top.Kind != kind)
            {
                _errors.Add(new TemplateError($"'{tag}' cannot close '{top.Tag}'; close it with '{{/{top.Kind.ToString().ToLowerInvariant()}}}' first", open, tag.Length, TemplateErrorKind.Stray));
            }

            _stack.RemoveAt(_stack.Count - 1);
            Current.Add(top.Head with { Body = top.Body.ToEquatableArray(), Else = top.Else?.ToEquatableArray() ?? EquatableArray<TemplatePart>.Empty });
        }

        /// <summary>
        /// When the tag at <paramref name="open"/>..<paramref name="close"/> is alone on its line (only spaces or tabs
        /// around it), the index after its line break (or the end of the template); else -1.
        /// </summary>
        private int Standalone(int open, int close, out int lineStart)
        {
            lineStart = open;
            while (lineStart > 0 && _template[lineStart - 1] is ' ' or '\t')
            {
                lineStart--;
            }

            if (lineStart > 0 && _template[lineStart - 1] != '\n')
            {
                return -1;
            }

            var end = close + 1;
            while (end < _template.Length && _template[end] is ' ' or '\t')
            {
                end++;
            }

            if (end < _template.Length && _template[end] == '\r' && end + 1 < _template.Length && _template[end + 1] == '\n')
            {
                return end + 2;
            }

            if (end < _template.Length && _template[end] == '\n')
            {
                return end + 1;
            }

            return end == _template.Length ? end : -1;
        }
    }
}
