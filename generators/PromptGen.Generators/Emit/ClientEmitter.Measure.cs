using System.Collections.Generic;
using System.Linq;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Emit;

/// <summary>
/// Templates rendered in one allocation: the render method first measures the exact length of the text (literal lengths
/// are constants; a text value adds its <c>Length</c>, any other value <c>TemplateText.Length</c>), then
/// <c>TemplateText.Create</c> writes the text straight into a string of that length through a <c>TemplateWriter</c> — no
/// buffer to rent, grow or copy. The measuring pass follows the same tree as the writing pass (the same conditions, the
/// same indexed loops), so both read the same values.
/// </summary>
internal static partial class ClientEmitter
{
    private const string TemplateText = "global::PromptGen.Generated.TemplateText";
    private const string TemplateWriter = "global::PromptGen.Generated.TemplateWriter";

    /// <summary>
    /// Whether the template can be measured before it is written: every loop is over a list or an array (a sequence could
    /// not be enumerated twice) and every value formats itself (a <c>ToString()</c>-only value would be turned into text twice).
    /// </summary>
    private static bool CanMeasure(IEnumerable<RenderPart> parts) => All(parts).All(part =>
        (part.Block != RenderBlock.Each || part.Value?.Value.CountMember is not null)
        && (part.Value is not { } access || part.Block is RenderBlock.If or RenderBlock.Each || Measurable(access.Value))
        // A member path ({order.Customer.Name}) also names its root parameter, which need not render itself: its Value decides.
        && (part.Parameter is not { } parameter || part.Value is not null || part.Block != RenderBlock.None || Measurable(parameter)));

    private static bool Measurable(ValueShape value) => value.Kind switch
    {
        ValueKind.Text or ValueKind.Formattable => true,
        ValueKind.Collection => value.CountMember is not null && value.Item is { Kind: ValueKind.Text or ValueKind.Formattable },
        _ => value.Kind != ValueKind.Other,
    };

    private static bool Measurable(ParameterModel parameter) => parameter.Kind switch
    {
        ValueKind.Text or ValueKind.Formattable => true,
        ValueKind.Collection => parameter.CountMember is not null && parameter.ItemKind is ValueKind.Text or ValueKind.Formattable,
        _ => parameter.Kind != ValueKind.Other,
    };

    /// <summary>Writes the body of a render method that measures, then writes into the string.</summary>
    private static void MeasuredRender(CodeWriter writer, EquatableArray<RenderPart> parts, List<ParameterModel> used, bool trimEnd)
    {
        if (Concatenation(parts) is { } concatenation)
        {
            // Literals and text values only: string.Concat measures and copies them in one allocation (one text value is the text).
            writer.Line(parts.Count == 1
                ? $"return {(trimEnd ? $"({concatenation} ?? string.Empty).TrimEnd()" : concatenation + " ?? string.Empty")};"
                : $"return string.Concat({concatenation}){(trimEnd ? ".TrimEnd()" : string.Empty)};");
            return;
        }

        var locals = new Locals(used.Select(p => p.Name));
        var length = new LengthLocal(locals.Take("length"));
        writer.Line("// The exact length first, so the text is written once, straight into the string.");
        MeasureParts(writer, length, parts, locals, RenderScope.Empty);
        length.Declare(writer, "0");

        // The lambda is static: the values come in as its state (one parameter, or a tuple of them).
        var inner = new Locals(used.Select(p => p.Name));
        var destination = inner.Take("destination");
        var state = used.Count == 1 ? used[0].EmitName : inner.Take("state");
        var argument = used.Count == 1 ? used[0].EmitName : $"({string.Join(", ", used.Select(p => p.EmitName))})";
        using (writer.Block($"return {TemplateText}.Create({length.Name}, {argument}, static ({destination}, {state}) =>", trimEnd ? "}).TrimEnd();" : "});"))
        {
            if (used.Count > 1)
            {
                writer.Line($"var ({string.Join(", ", used.Select(p => p.EmitName))}) = {state};");
            }

            var text = inner.Take("text");
            writer.Line($"var {text} = new {TemplateWriter}({destination});");
            WriteParts(writer, text, parts, inner, RenderScope.Empty);
            writer.Line($"return {text}.Length;");
        }
    }

    /// <summary>
    /// Adds the lengths of <paramref name="parts"/> to <paramref name="length"/>: the literals and values of each straight
    /// run as one statement, blocks as the same <c>if</c> and <c>for</c> the writing pass takes.
    /// </summary>
    private static void MeasureParts(CodeWriter writer, LengthLocal length, IEnumerable<RenderPart> parts, Locals locals, RenderScope scope)
    {
        var constant = 0;
        var terms = new List<string>();
        void Flush()
        {
            if (constant > 0)
            {
                terms.Insert(0, Literals.Int(constant));
            }

            if (terms.Count > 0)
            {
                length.Add(writer, string.Join(" + ", terms));
            }

            constant = 0;
            terms.Clear();
        }

        foreach (var part in parts)
        {
            if (part.Literal is not null)
            {
                constant += part.Literal.Length;
            }
            else if (part.Block == RenderBlock.If && part.Value is { } condition)
            {
                Flush();
                length.Declare(writer, "0");
                using (writer.Block($"if ({Condition(condition, part.Negated, scope, locals)})"))
                {
                    MeasureParts(writer, length, part.Body, locals, scope);
                }

                if (part.Else.Count > 0)
                {
                    using (writer.Block("else"))
                    {
                        MeasureParts(writer, length, part.Else, locals, scope);
                    }
                }
            }
            else if (part.Block == RenderBlock.Each && part.Value is { } collection)
            {
                Flush();
                length.Declare(writer, "0");
                MeasureLoop(writer, length, part, collection, locals, scope);
            }
            else if (part.Value is { Value.Kind: ValueKind.Collection } listAccess && listAccess.Value.Item is { } item)
            {
                Flush();
                length.Declare(writer, "0");
                var items = locals.Take(Hint(listAccess) + "Items");
                writer.Line($"var {items} = {Expression(listAccess, scope)};");
                MeasureLines(writer, length, items, listAccess.Value.CanBeNull || listAccess.Lifted, listAccess.Value.CountMember!, item.Kind, item.CanBeNull && item.IsValueType, part.Format, locals, Hint(listAccess));
            }
            else if (part.Value is { } access)
            {
                terms.Add(LengthOf(writer, Expression(access, scope), access.Value.Kind, (access.Value.CanBeNull || access.Lifted) && access.Value.IsValueType, part.Format, locals, Hint(access)));
            }
            else if (part.Parameter is { Kind: ValueKind.Collection } list)
            {
                Flush();
                length.Declare(writer, "0");
                MeasureLines(writer, length, list.EmitName, list.CanBeNull, list.CountMember!, list.ItemKind, list.ItemCanBeNull && list.ItemIsValueType, part.Format, locals, list.Name);
            }
            else if (part.Parameter is { } parameter)
            {
                terms.Add(LengthOf(writer, parameter.EmitName, parameter.Kind, parameter.CanBeNull && parameter.IsValueType, part.Format, locals, parameter.Name));
            }
        }

        Flush();
    }

    /// <summary>
    /// The arguments of <c>string.Concat</c> for a template of up to four parts that are literals and text values (no
    /// blocks, no formats), or <see langword="null"/>.
    /// </summary>
    private static string? Concatenation(EquatableArray<RenderPart> parts)
    {
        if (parts.Count > 4)
        {
            return null;
        }

        var arguments = new List<string>();
        foreach (var part in parts)
        {
            if (part.Literal is not null)
            {
                arguments.Add(Literals.String(part.Literal));
            }
            else if (part is { Block: RenderBlock.None, Value: { Value.Kind: ValueKind.Text } access })
            {
                arguments.Add(Expression(access, RenderScope.Empty));
            }
            else if (part is { Block: RenderBlock.None, Value: null, Parameter: { Kind: ValueKind.Text } parameter })
            {
                arguments.Add(parameter.EmitName);
            }
            else
            {
                return null;
            }
        }

        return string.Join(", ", arguments);
    }

    /// <summary>The length term of one value: a text's <c>Length</c>, any other value's formatted length; <see langword="null"/> adds nothing.</summary>
    private static string LengthOf(CodeWriter writer, string expression, ValueKind kind, bool nullableValueType, string? format, Locals locals, string hint)
    {
        if (kind == ValueKind.Text)
        {
            return $"({expression}?.Length ?? 0)";
        }

        var formatArgument = format is null ? string.Empty : ", " + Literals.String(format);
        if (nullableValueType)
        {
            // Unwrapped first, so the value is not boxed (as the writing pass does).
            var value = locals.Take(hint + "Value");
            return $"({expression} is {{ }} {value} ? {TemplateText}.Length({value}{formatArgument}) : 0)";
        }

        return $"{TemplateText}.Length({expression}{formatArgument})";
    }

    /// <summary>Measures an <c>{#each}</c> over a list or an array: the same indexed loop as the writing pass.</summary>
    private static void MeasureLoop(CodeWriter writer, LengthLocal length, RenderPart part, ValueAccess access, Locals locals, RenderScope scope)
    {
        var alias = part.Alias ?? "item";
        var count = access.Value.CountMember!;
        var items = locals.Take(alias + "Items");
        var item = locals.Take(alias);
        var open = access.Value.CanBeNull || access.Lifted ? writer.Block($"if ({Expression(access, scope)} is {{ }} {items})") : null;
        if (open is null)
        {
            writer.Line($"var {items} = {Expression(access, scope)};");
        }

        var index = locals.Take(alias + "Index");
        using (writer.Block($"for (var {index} = 0; {index} < {items}.{count}; {index}++)"))
        {
            if (part.Separator is { } separator)
            {
                length.Add(writer, $"({index} > 0 ? {Literals.Int(separator.Length)} : 0)");
            }

            writer.Line($"var {item} = {items}[{index}];");
            MeasureParts(writer, length, part.Body, locals, scope.Loop(alias, item, index, $"{index} == {items}.{count} - 1"));
        }

        open?.Dispose();
    }

    /// <summary>Measures a collection rendered as <c>- item</c> lines.</summary>
    private static void MeasureLines(CodeWriter writer, LengthLocal length, string source, bool canBeNull, string count, ValueKind itemKind, bool itemNullableValueType, string? format, Locals locals, string hint)
    {
        var open = canBeNull ? writer.Block($"if ({source} is not null)") : null;
        var index = locals.Take(hint + "Index");
        using (writer.Block($"for (var {index} = 0; {index} < {source}.{count}; {index}++)"))
        {
            // "- " before the first item, "\n- " before each other one.
            var term = LengthOf(writer, $"{source}[{index}]", itemKind, itemNullableValueType, format, locals, hint + "Value");
            length.Add(writer, $"({index} == 0 ? 2 : 3) + {term}");
        }

        open?.Dispose();
    }

    /// <summary>The measured length's local: declared with the first terms, added to after that.</summary>
    private sealed class LengthLocal
    {
        private bool _declared;

        public LengthLocal(string name) => Name = name;

        public string Name { get; }

        /// <summary>Declares the local with <paramref name="value"/> unless it is declared already.</summary>
        public void Declare(CodeWriter writer, string value)
        {
            if (!_declared)
            {
                writer.Line($"var {Name} = {value};");
                _declared = true;
            }
        }

        public void Add(CodeWriter writer, string terms)
        {
            if (_declared)
            {
                writer.Line($"{Name} += {terms};");
            }
            else
            {
                Declare(writer, terms);
            }
        }
    }
}
