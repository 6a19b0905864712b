using System.Collections.Generic;
using System.Linq;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Emit;

/// <summary>
/// Straight-line template rendering, decided at build time: each template becomes a private static method that appends
/// its literals and values to a <c>DefaultInterpolatedStringHandler</c> over a stack buffer, so rendering allocates only
/// the resulting string (values are formatted without boxing, with the invariant culture).
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
    private static void RenderMethod(CodeWriter writer, EquatableArray<RenderPart> parts, string methodName, string what)
    {
        if (parts.All(p => p.Literal is not null))
        {
            return;
        }

        var used = UsedParameters(parts);
        var locals = new Locals(used.Select(p => p.Name));
        var text = locals.Take("text");
        var literalLength = parts.Sum(p => p.Literal?.Length ?? 0);
        var formatted = parts.Count(p => p.Parameter is not null);
        writer.Line();
        writer.Line($"/// <summary>Renders the {what}.</summary>");
        using (writer.Block($"private static string {methodName}({string.Join(", ", used.Select(p => p.TypeDisplay + " " + p.EmitName))})"))
        {
            writer.Line($"var {text} = new {GeneratedCode.InterpolatedStringHandler}({Literals.Int(literalLength)}, {Literals.Int(formatted)}, {GeneratedCode.Invariant}, stackalloc char[{Literals.Int(StackBuffer)}]);");
            foreach (var part in parts)
            {
                if (part.Literal is not null)
                {
                    writer.Line($"{text}.AppendLiteral({Literals.String(part.Literal)});");
                }
                else if (part.Parameter is { Kind: ValueKind.Collection } collection)
                {
                    Collection(writer, text, collection, part.Format, locals);
                }
                else if (part.Parameter is { } parameter)
                {
                    Append(writer, text, parameter.EmitName, parameter.Kind, parameter.CanBeNull && parameter.IsValueType, part.Format, locals, parameter.Name);
                }
            }

            writer.Line($"return {text}.ToStringAndClear();");
        }
    }

    /// <summary>The distinct parameters a template uses, in declaration order of first use.</summary>
    private static List<ParameterModel> UsedParameters(EquatableArray<RenderPart> parts) =>
        parts.Where(p => p.Parameter is not null).Select(p => p.Parameter!).GroupBy(p => p.Name).Select(g => g.First()).ToList();

    /// <summary>A collection renders one item per line as <c>- item</c>; a <see langword="null"/> collection renders nothing.</summary>
    private static void Collection(CodeWriter writer, string text, ParameterModel parameter, string? format, Locals locals)
    {
        var item = locals.Take(parameter.Name + "Item");
        var open = parameter.CanBeNull ? writer.Block($"if ({parameter.EmitName} is not null)") : null;
        if (parameter.CountMember is { } count)
        {
            // Arrays and lists: an indexed loop, so no enumerator is allocated.
            var index = locals.Take(parameter.Name + "Index");
            using (writer.Block($"for (var {index} = 0; {index} < {parameter.EmitName}.{count}; {index}++)"))
            {
                writer.Line($"{text}.AppendLiteral({index} == 0 ? \"- \" : \"\\n- \");");
                writer.Line($"var {item} = {parameter.EmitName}[{index}];");
                Append(writer, text, item, parameter.ItemKind, parameter.ItemCanBeNull && parameter.ItemIsValueType, format, locals, parameter.Name + "Value");
            }
        }
        else
        {
            var first = locals.Take(parameter.Name + "First");
            writer.Line($"var {first} = true;");
            using (writer.Block($"foreach (var {item} in {parameter.EmitName})"))
            {
                writer.Line($"{text}.AppendLiteral({first} ? \"- \" : \"\\n- \");");
                Append(writer, text, item, parameter.ItemKind, parameter.ItemCanBeNull && parameter.ItemIsValueType, format, locals, parameter.Name + "Value");
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
