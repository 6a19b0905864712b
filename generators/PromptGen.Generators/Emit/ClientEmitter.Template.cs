using System.Collections.Generic;
using System.Linq;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Emit;

/// <summary>
/// The template tree as straight-line code: member paths become null-conditional member reads, <c>{#if}</c> an
/// <c>if</c>, <c>{#each}</c> an indexed <c>for</c> over arrays and lists (a <c>foreach</c>, or an enumerator when
/// <c>@last</c> is used, otherwise). No reflection and nothing interpreted at run time.
/// </summary>
internal static partial class ClientEmitter
{
    private const string LinqEnumerable = "global::System.Linq.Enumerable";

    /// <summary>Writes the appends of <paramref name="parts"/> to the handler <paramref name="text"/>.</summary>
    private static void WriteParts(CodeWriter writer, string text, IEnumerable<RenderPart> parts, Locals locals, RenderScope scope)
    {
        foreach (var part in parts)
        {
            if (part.Literal is not null)
            {
                writer.Line($"{text}.AppendLiteral({Literals.String(part.Literal)});");
            }
            else if (part.Block == RenderBlock.If && part.Value is { } condition)
            {
                using (writer.Block($"if ({Condition(condition, part.Negated, scope, locals)})"))
                {
                    WriteParts(writer, text, part.Body, locals, scope);
                }

                if (part.Else.Count > 0)
                {
                    using (writer.Block("else"))
                    {
                        WriteParts(writer, text, part.Else, locals, scope);
                    }
                }
            }
            else if (part.Block == RenderBlock.Each && part.Value is { } collection)
            {
                Loop(writer, text, part, collection, locals, scope);
            }
            else if (part.Value is { } access)
            {
                Value(writer, text, access, part.Format, locals, scope);
            }
            else if (part.Parameter is { Kind: ValueKind.Collection } parameterCollection)
            {
                Collection(writer, text, parameterCollection, part.Format, locals);
            }
            else if (part.Parameter is { } parameter)
            {
                Append(writer, text, parameter.EmitName, parameter.Kind, parameter.CanBeNull && parameter.IsValueType, part.Format, locals, parameter.Name);
            }
        }
    }

    /// <summary>A member-path placeholder: the value read null-safely; <see langword="null"/> anywhere on the path renders nothing.</summary>
    private static void Value(CodeWriter writer, string text, ValueAccess access, string? format, Locals locals, RenderScope scope)
    {
        var expression = Expression(access, scope);
        var value = access.Value;
        var nullable = value.CanBeNull || access.Lifted;
        if (value.Kind == ValueKind.Collection && value.Item is { } item)
        {
            var items = locals.Take(Hint(access) + "Items");
            writer.Line($"var {items} = {expression};");
            Lines(writer, text, items, nullable, value.CountMember, item.Kind, item.CanBeNull && item.IsValueType, format, locals, Hint(access));
            return;
        }

        Append(writer, text, expression, value.Kind, nullable && value.IsValueType, format, locals, Hint(access));
    }

    /// <summary>The C# expression of a path: the root, then each member with <c>?.</c> where the receiver can be null.</summary>
    private static string Expression(ValueAccess access, RenderScope scope)
    {
        var expression = access.RootKind switch
        {
            AccessRoot.Item => scope.Item(access.Root),
            AccessRoot.Marker => scope.Marker(access.Root),
            _ => access.Root,
        };
        foreach (var hop in access.Hops)
        {
            expression += (hop.Conditional ? "?." : ".") + hop.EmitName;
        }

        return expression;
    }

    /// <summary>
    /// The test of an <c>{#if}</c>: a bool is itself (null is false), a string is not empty, a collection has an item,
    /// anything else is not null.
    /// </summary>
    private static string Condition(ValueAccess access, bool negated, RenderScope scope, Locals locals)
    {
        var expression = Expression(access, scope);
        var value = access.Value;
        var nullable = value.CanBeNull || access.Lifted;
        string test;
        if (value.IsBool)
        {
            test = nullable ? $"{expression} == true" : expression;
        }
        else if (value.Kind == ValueKind.Text)
        {
            test = $"!string.IsNullOrEmpty({expression})";
        }
        else if (value.Kind is ValueKind.Collection or ValueKind.Images or ValueKind.History && value.CountMember is { } count)
        {
            test = $"{expression}{(nullable ? "?." : ".")}{count} > 0";
        }
        else if (value.Kind is ValueKind.Collection or ValueKind.Images or ValueKind.History)
        {
            var items = locals.Take(Hint(access) + "Items");
            test = nullable ? $"{expression} is {{ }} {items} && {LinqEnumerable}.Any({items})" : $"{LinqEnumerable}.Any({expression})";
        }
        else
        {
            test = $"{expression} is not null";
        }

        return negated ? Not(test) : test;
    }

    /// <summary>The negation of a test, written plainly where that keeps its meaning (a lifted comparison stays wrapped).</summary>
    private static string Not(string test)
    {
        if (test.StartsWith("!", System.StringComparison.Ordinal) && test.IndexOf(' ') < 0)
        {
            return test.Substring(1);
        }

        if (test.EndsWith(" is not null", System.StringComparison.Ordinal))
        {
            return test.Substring(0, test.Length - " is not null".Length) + " is null";
        }

        var equals = test.IndexOf(" == ", System.StringComparison.Ordinal);
        return equals >= 0 && test.IndexOf(" == ", equals + 1, System.StringComparison.Ordinal) < 0 && test.IndexOf("&&", System.StringComparison.Ordinal) < 0
            ? test.Substring(0, equals) + " != " + test.Substring(equals + 4)
            : $"!({test})";
    }

    private static void Loop(CodeWriter writer, string text, RenderPart part, ValueAccess access, Locals locals, RenderScope scope)
    {
        var alias = part.Alias ?? "item";
        var value = access.Value;
        var items = locals.Take(alias + "Items");
        var item = locals.Take(alias);
        var open = value.CanBeNull || access.Lifted ? writer.Block($"if ({Expression(access, scope)} is {{ }} {items})") : null;
        if (open is null)
        {
            writer.Line($"var {items} = {Expression(access, scope)};");
        }

        var index = locals.Take(alias + "Index");
        if (value.CountMember is { } count)
        {
            // Arrays and lists: an indexed loop, so no enumerator is allocated.
            using (writer.Block($"for (var {index} = 0; {index} < {items}.{count}; {index}++)"))
            {
                Separator(writer, text, part, index);
                writer.Line($"var {item} = {items}[{index}];");
                WriteParts(writer, text, part.Body, locals, scope.Loop(alias, item, index, $"{index} == {items}.{count} - 1"));
            }
        }
        else if (Uses(part.Body, "@last"))
        {
            // @last needs to know whether another item follows: move the enumerator one item ahead.
            var enumerator = locals.Take(alias + "Enumerator");
            var more = locals.Take(alias + "More");
            using (writer.Block($"using (var {enumerator} = {items}.GetEnumerator())"))
            {
                writer.Line($"var {index} = 0;");
                using (writer.Block($"for (var {more} = {enumerator}.MoveNext(); {more}; {index}++)"))
                {
                    Separator(writer, text, part, index);
                    writer.Line($"var {item} = {enumerator}.Current;");
                    writer.Line($"{more} = {enumerator}.MoveNext();");
                    WriteParts(writer, text, part.Body, locals, scope.Loop(alias, item, index, $"!{more}"));
                }
            }
        }
        else
        {
            var counted = part.Separator is not null || Uses(part.Body, "@index") || Uses(part.Body, "@number") || Uses(part.Body, "@first");
            if (counted)
            {
                writer.Line($"var {index} = 0;");
            }

            using (writer.Block($"foreach (var {item} in {items})"))
            {
                Separator(writer, text, part, index);
                WriteParts(writer, text, part.Body, locals, scope.Loop(alias, item, index, "false"));
                if (counted)
                {
                    writer.Line($"{index}++;");
                }
            }
        }

        open?.Dispose();
    }

    /// <summary>
    /// For each loop over a list or array reached from a parameter (at the top level or in conditional sections), the expression of the characters its items
    /// will likely take (item count × the body's literal length plus 16 per value), for the handler's initial buffer.
    /// </summary>
    private static List<string> LoopSizes(EquatableArray<RenderPart> parts)
    {
        var sizes = new List<string>();
        foreach (var part in parts)
        {
            if (part.Block == RenderBlock.If)
            {
                // A loop inside a conditional section (the usual "{#if docs}{#each docs as doc}…") counts too.
                sizes.AddRange(LoopSizes(part.Body));
                sizes.AddRange(LoopSizes(part.Else));
            }
            else if (part is { Block: RenderBlock.Each, Value: { RootKind: AccessRoot.Parameter, Value.CountMember: { } count } access })
            {
                var perItem = All(part.Body).Sum(p => p.Literal?.Length ?? 16);
                var nullable = access.Value.CanBeNull || access.Lifted;
                var items = nullable ? $"({Expression(access, RenderScope.Empty)}?.{count} ?? 0)" : $"{Expression(access, RenderScope.Empty)}.{count}";
                sizes.Add($"{items} * {Literals.Int(perItem)}");
            }
        }

        return sizes;
    }

    /// <summary>The text between items of a loop that ends a message (written before every item but the first).</summary>
    private static void Separator(CodeWriter writer, string text, RenderPart loop, string index)
    {
        if (loop.Separator is { } separator)
        {
            using (writer.Block($"if ({index} > 0)"))
            {
                writer.Line($"{text}.AppendLiteral({Literals.String(separator)});");
            }
        }
    }

    /// <summary>Whether the loop body (not counting nested loops) uses <paramref name="marker"/>.</summary>
    private static bool Uses(IEnumerable<RenderPart> parts, string marker) => parts.Any(p =>
        (p.Value is { RootKind: AccessRoot.Marker } access && access.Root == marker)
        || (p.Block != RenderBlock.Each && (Uses(p.Body, marker) || Uses(p.Else, marker))));

    /// <summary>A local-name hint for a path: its last name.</summary>
    private static string Hint(ValueAccess access)
    {
        var path = access.Path.TrimStart('@');
        var name = path.Substring(path.LastIndexOf('.') + 1);
        return name.Length == 0 ? "value" : char.ToLowerInvariant(name[0]) + name.Substring(1);
    }

    /// <summary>The distinct parameters a template uses, in order of first use (blocks included).</summary>
    private static List<ParameterModel> UsedParameters(EquatableArray<RenderPart> parts) =>
        All(parts).Where(p => p.Parameter is not null).Select(p => p.Parameter!).GroupBy(p => p.Name).Select(g => g.First()).ToList();

    private static IEnumerable<RenderPart> All(IEnumerable<RenderPart> parts) => parts.SelectMany(p => new[] { p }.Concat(All(p.Body)).Concat(All(p.Else)));

    /// <summary>The names in scope inside loops: items and the innermost loop's markers.</summary>
    private sealed class RenderScope
    {
        private readonly Dictionary<string, string> _items;
        private readonly string? _index;
        private readonly string? _last;

        private RenderScope(Dictionary<string, string> items, string? index, string? last)
        {
            _items = items;
            _index = index;
            _last = last;
        }

        public static RenderScope Empty { get; } = new(new Dictionary<string, string>(), null, null);

        public RenderScope Loop(string alias, string item, string index, string last) =>
            new(new Dictionary<string, string>(_items) { [alias] = item }, index, last);

        public string Item(string alias) => _items[alias];

        public string Marker(string marker) => marker switch
        {
            "@index" => _index!,
            "@number" => $"({_index} + 1)",
            "@first" => $"{_index} == 0",
            _ => _last!,
        };
    }
}
