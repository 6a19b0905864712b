using System.Collections.Generic;
using System.Linq;
using PromptGen.Generators.Diagnostics;
using PromptGen.Generators.Templates;

namespace PromptGen.Generators.Models;

/// <summary>Checks a parsed template tree against the method: placeholders, conditions, loops, role markers.</summary>
internal static partial class ClientResolver
{
    private static List<RenderPart> Walk(EquatableArray<TemplatePart> parts, TemplateContext context, bool topLevel)
    {
        var output = new List<RenderPart>();
        foreach (var part in parts)
        {
            switch (part.Block)
            {
                case TemplateBlock.If:
                    context.Started |= topLevel;
                    If(part, context, output);
                    break;
                case TemplateBlock.Each:
                    context.Started |= topLevel;
                    Each(part, context, output);
                    break;
                case TemplateBlock.Role:
                    if (!topLevel || context.Kind != "[Prompt]")
                    {
                        context.Report(DiagnosticDescriptors.RoleSectionMisplaced, part.Offset - 1, part.Length + 1, part.Text, context.Kind != "[Prompt]"
                            ? "a [SystemPrompt] is one system message; write role sections in the [Prompt] template"
                            : "a role section starts a new message, so it cannot stand inside {#if} or {#each}; put it on its own line at the top level");
                    }
                    else if (part.Text == "system" && (context.HasSystemPrompt || context.Started))
                    {
                        context.Report(DiagnosticDescriptors.RoleSectionMisplaced, part.Offset - 1, part.Length + 1, part.Text, context.HasSystemPrompt
                            ? "the method already has a [SystemPrompt]; keep one system message: move this text there or remove the [SystemPrompt]"
                            : "the system section must come first, before any other message or the history");
                    }
                    else
                    {
                        output.Add(new RenderPart(null, null, null) { Block = RenderBlock.Role, Alias = part.Text });
                        context.Role = part.Text;
                    }

                    context.Started |= topLevel;

                    break;
                default:
                    context.Started |= topLevel && (part.IsPlaceholder || part.Text.Trim().Length > 0);
                    if (part.IsPlaceholder)
                    {
                        Placeholder(part, context, topLevel, output);
                    }
                    else
                    {
                        output.Add(new RenderPart(part.Text, null, null));
                    }

                    break;
            }
        }

        return output;
    }

    private static void If(TemplatePart part, TemplateContext context, List<RenderPart> output)
    {
        var access = Access(part.Text, part.Offset, context, isCondition: true, out var parameter);
        if (access is not null && !Testable(access))
        {
            context.Report(DiagnosticDescriptors.ConditionNotTestable, part.Offset, part.Length, part.Text, Display(access.Value.Type));
        }

        // A condition that holds proves its path (and every prefix) is not null in the branch it guards.
        var proven = access is null || access.RootKind == AccessRoot.Marker ? new List<string>() : Prefixes(part.Text).ToList();
        var then = Branch(part.Body, context, part.Negated ? null : proven);
        var otherwise = Branch(part.Else, context, part.Negated ? proven : null);
        if (access is not null)
        {
            output.Add(new RenderPart(null, parameter, null) { Block = RenderBlock.If, Value = access, Negated = part.Negated, Body = then.ToEquatableArray(), Else = otherwise.ToEquatableArray() });
        }
    }

    private static List<RenderPart> Branch(EquatableArray<TemplatePart> parts, TemplateContext context, List<string>? proven)
    {
        var added = proven?.Where(context.Checked.Add).ToList();
        var output = Walk(parts, context, topLevel: false);
        added?.ForEach(p => context.Checked.Remove(p));
        return output;
    }

    private static void Each(TemplatePart part, TemplateContext context, List<RenderPart> output)
    {
        var access = Access(part.Text, part.Offset, context, isCondition: false, out var parameter);
        ValueShape? item = null;
        if (access is not null)
        {
            if (access.Value.Kind != ValueKind.Collection || access.Value.Item is null)
            {
                context.Report(DiagnosticDescriptors.NotEnumerable, part.Offset, part.Length, part.Text, Display(access.Value.Type));
            }
            else
            {
                item = access.Value.Item;
            }
        }

        var alias = part.Alias ?? string.Empty;
        var clash = context.Items.Any(i => i.Name == alias) ? "the item of an enclosing {#each}"
            : context.ParameterShape(alias) is not null ? "a parameter of the method"
            : null;
        if (clash is not null)
        {
            context.Report(DiagnosticDescriptors.LoopItemShadows, part.AliasOffset, alias.Length, alias, clash);
        }

        context.Items.Add((alias, item ?? new ValueShape("object", "object", ValueKind.Other, true, false, false, false, null, null)));
        var body = Walk(part.Body, context, topLevel: false);
        context.Items.RemoveAt(context.Items.Count - 1);
        if (access is not null && item is not null)
        {
            output.Add(new RenderPart(null, parameter, null) { Block = RenderBlock.Each, Value = access, Alias = alias, Body = body.ToEquatableArray() });
        }
    }

    private static void Placeholder(TemplatePart part, TemplateContext context, bool topLevel, List<RenderPart> output)
    {
        var access = Access(part.Text, part.Offset, context, isCondition: false, out var parameter);
        if (access is null)
        {
            return;
        }

        var value = access.Value;
        var simple = access.RootKind == AccessRoot.Parameter && access.Hops.Count == 0 && parameter is not null;
        if (value.Kind is ValueKind.Image or ValueKind.Images)
        {
            // Images become content parts where their placeholder stands; they take no format and no system prompt.
            var problem = !simple ? "an image is placed by its parameter's own placeholder, such as '{photo}'"
                : context.Kind != "[Prompt]" ? "a system prompt is text only; place the image in the [Prompt] template or leave it out (unplaced images follow the prompt text)"
                : !topLevel ? "an image is a part of the message, so it cannot stand inside {#if} or {#each}; place it at the top level"
                : context.Role is "system" or "assistant" ? $"an image is sent in a user message; move it into a {{#user}} section (it stands in the {{#{context.Role}}} section)"
                : part.Format is not null ? $"an image takes no format; write '{{{part.Text}}}'" : null;
            if (problem is not null)
            {
                context.Report(DiagnosticDescriptors.ImagePlacement, part.Offset, part.Length, part.Text, problem);
                return;
            }
        }

        if (value.Kind == ValueKind.History)
        {
            var problem = !simple ? "history is a parameter of type IEnumerable<ChatMessage> or IReadOnlyList<ChatMessage>, placed by its own placeholder"
                : context.Kind != "[Prompt]" ? "a [SystemPrompt] is one system message; place the history in the [Prompt] template"
                : !topLevel ? "history is a run of messages, so it cannot stand inside {#if} or {#each}; place it on its own line at the top level"
                : !context.History.Add(part.Text) ? "it is already placed once in this template; the conversation holds it once"
                : part.Format is not null ? "history takes no format" : null;
            if (problem is not null)
            {
                context.Report(DiagnosticDescriptors.HistoryMisplaced, part.Offset, part.Length, part.Text, problem);
                return;
            }

            output.Add(new RenderPart(null, parameter, null) { Block = RenderBlock.History });
            return;
        }

        var formattable = value.Kind == ValueKind.Formattable || (value.Kind == ValueKind.Collection && value.Item?.Kind == ValueKind.Formattable);
        if (part.Format is not null && !formattable)
        {
            context.Report(DiagnosticDescriptors.FormatNotSupported, part.Offset, part.Length + 1 + part.Format.Length, part.Text, part.Format, Display(value.Type));
            return;
        }

        output.Add(simple ? new RenderPart(null, parameter, part.Format) : new RenderPart(null, parameter, part.Format) { Value = access });
    }

    /// <summary>Whether <c>{#if}</c> can test the value: a bool, a string, a collection, or anything that can be null.</summary>
    private static bool Testable(ValueAccess access) =>
        access.Value.IsBool || access.Value.CanBeNull || access.Value.Kind is ValueKind.Text or ValueKind.Collection or ValueKind.Images or ValueKind.History;

    /// <summary><c>a</c>, <c>a.b</c>, <c>a.b.c</c> for <c>a.b.c</c>: a path that is not null has no null prefix.</summary>
    private static IEnumerable<string> Prefixes(string path)
    {
        for (var dot = path.IndexOf('.'); dot >= 0; dot = path.IndexOf('.', dot + 1))
        {
            yield return path.Substring(0, dot);
        }

        yield return path;
    }

    private static string Display(string type) => type.Replace("global::", string.Empty);
}
