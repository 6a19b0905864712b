using System.Linq;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Emit;

/// <summary>
/// Straight-line template rendering, decided at build time: each template becomes a private static method. Most measure
/// the text and write it straight into the string (ClientEmitter.Measure.cs); a template that loops over a sequence or
/// renders a value only <c>ToString()</c> can format appends to a <c>DefaultInterpolatedStringHandler</c> over a stack
/// or pooled buffer instead. Either way rendering allocates only the resulting string (values are formatted without
/// boxing, with the invariant culture).
/// </summary>
internal static partial class ClientEmitter
{
    private const int StackBuffer = 256;

    /// <summary>The expression that produces a template's text: a literal, or a call of its render method.</summary>
    private static string RenderCall(EquatableArray<RenderPart> parts, string methodName)
    {
        if (parts.All(p => p.Literal is not null))
        {
            return Literals.String(string.Concat(parts.Select(p => p.Literal)));
        }

        return $"{methodName}({string.Join(", ", UsedParameters(parts).Select(p => p.EmitName))})";
    }

    /// <summary>Writes the render method of a template that has placeholders (nothing for an all-literal template).</summary>
    private static void RenderMethod(CodeWriter writer, EquatableArray<RenderPart> parts, string methodName, string what, bool trimEnd = false)
    {
        if (parts.All(p => p.Literal is not null))
        {
            return;
        }

        var used = UsedParameters(parts);
        var locals = new Locals(used.Select(p => p.Name));
        var text = locals.Take("text");
        var literalLength = parts.Sum(p => p.Literal?.Length ?? 0);
        var formatted = parts.Count(p => p.Parameter is not null || p.Value is not null);
        writer.Line();
        writer.Line($"/// <summary>Renders the {what}.</summary>");
        using (writer.Block($"private static string {methodName}({string.Join(", ", used.Select(p => p.TypeDisplay + " " + p.EmitName))})"))
        {
            if (CanMeasure(parts))
            {
                MeasuredRender(writer, parts, used, trimEnd);
                return;
            }

            // A loop over a sequence (enumerated once) or a value only ToString() can render: appended to a pooled buffer.
            if (LoopSizes(parts) is { Count: > 0 } sizes)
            {
                // Loops over lists: size the pooled buffer for the items up front instead of growing it while they are written.
                writer.Line($"var {text} = new {GeneratedCode.InterpolatedStringHandler}({Literals.Int(literalLength)} + {string.Join(" + ", sizes)}, {Literals.Int(formatted)}, {GeneratedCode.Invariant});");
            }
            else
            {
                writer.Line($"var {text} = new {GeneratedCode.InterpolatedStringHandler}({Literals.Int(literalLength)}, {Literals.Int(formatted)}, {GeneratedCode.Invariant}, stackalloc char[{Literals.Int(StackBuffer)}]);");
            }

            WriteParts(writer, text, parts, locals, RenderScope.Empty);
            // A message that ends with a block may end with the white space of a branch that rendered nothing after it;
            // TrimEnd returns the same string when there is none.
            writer.Line($"return {text}.ToStringAndClear(){(trimEnd ? ".TrimEnd()" : string.Empty)};");
        }
    }

    /// <summary>A collection renders one item per line as <c>- item</c>; a <see langword="null"/> collection renders nothing.</summary>
    private static void Collection(CodeWriter writer, string text, ParameterModel parameter, string? format, Locals locals) =>
        Lines(writer, text, parameter.EmitName, parameter.CanBeNull, parameter.CountMember, parameter.ItemKind, parameter.ItemCanBeNull && parameter.ItemIsValueType, format, locals, parameter.Name);

    /// <summary>The items of the collection <paramref name="source"/>, one per line as <c>- item</c>.</summary>
    private static void Lines(CodeWriter writer, string text, string source, bool canBeNull, string? countMember, ValueKind itemKind, bool itemNullableValueType, string? format, Locals locals, string hint)
    {
        var item = locals.Take(hint + "Item");
        var open = canBeNull ? writer.Block($"if ({source} is not null)") : null;
        if (countMember is { } count)
        {
            // Arrays and lists: an indexed loop, so no enumerator is allocated.
            var index = locals.Take(hint + "Index");
            using (writer.Block($"for (var {index} = 0; {index} < {source}.{count}; {index}++)"))
            {
                writer.Line($"{text}.AppendLiteral({index} == 0 ? \"- \" : \"\\n- \");");
                writer.Line($"var {item} = {source}[{index}];");
                Append(writer, text, item, itemKind, itemNullableValueType, format, locals, hint + "Value");
            }
        }
        else
        {
            var first = locals.Take(hint + "First");
            writer.Line($"var {first} = true;");
            using (writer.Block($"foreach (var {item} in {source})"))
            {
                writer.Line($"{text}.AppendLiteral({first} ? \"- \" : \"\\n- \");");
                Append(writer, text, item, itemKind, itemNullableValueType, format, locals, hint + "Value");
                writer.Line($"{first} = false;");
            }
        }

        open?.Dispose();
    }

    /// <summary>
    /// Appends one value: text as is; other values through the handler's generic <c>AppendFormatted</c> (no boxing, invariant
    /// culture, the placeholder's format). A <see langword="null"/> value renders as nothing; a nullable value type is
    /// unwrapped first so it is not boxed.
    /// </summary>
    private static void Append(CodeWriter writer, string text, string expression, ValueKind kind, bool nullableValueType, string? format, Locals locals, string hint)
    {
        var formatArgument = format is null || kind != ValueKind.Formattable ? string.Empty : ", " + Literals.String(format);
        if (nullableValueType)
        {
            var value = locals.Take(hint + "Value");
            using (writer.Block($"if ({expression} is {{ }} {value})"))
            {
                writer.Line($"{text}.AppendFormatted({value}{formatArgument});");
            }

            return;
        }

        writer.Line($"{text}.AppendFormatted({expression}{formatArgument});");
    }
}
