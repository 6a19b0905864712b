using System.Collections.Generic;
using System.Linq;

namespace PromptGen.Generators.Models;

/// <summary>
/// Several messages from one [Prompt] template: role sections (<c>{#system}</c>, <c>{#user}</c>, <c>{#assistant}</c>) and
/// the history parameter become the top level of the parts (each section holds its own parts, trimmed at its edges); a
/// template without them stays one user message.
/// </summary>
internal static partial class ClientResolver
{
    private static List<RenderPart> Conversation(List<RenderPart> parts, TemplateContext context)
    {
        var history = context.Method.Parameters.Where(p => p.Kind == ValueKind.History).ToList();
        if (!parts.Any(p => p.Block is RenderBlock.Role or RenderBlock.History) && history.Count == 0)
        {
            return parts;
        }

        var output = new List<RenderPart>();
        var section = new List<RenderPart>();
        string? role = null;
        void Close()
        {
            var trimmed = Trim(section);
            if (role is not null || trimmed.Count > 0)
            {
                output.Add(new RenderPart(null, null, null) { Block = RenderBlock.Role, Alias = role ?? "user", Body = trimmed.ToEquatableArray() });
            }

            section.Clear();
        }

        foreach (var part in parts)
        {
            if (part.Block == RenderBlock.Role)
            {
                Close();
                role = part.Alias;
            }
            else if (part.Block == RenderBlock.History)
            {
                Close();
                role = role is null or "system" ? null : role;
                output.Add(part);
            }
            else
            {
                section.Add(part);
            }
        }

        Close();

        // History the template does not place goes before the template's messages (after its system section).
        foreach (var parameter in history.Where(h => !context.History.Contains(h.Name)))
        {
            context.Used.Add(parameter.Name);
            var at = output.Count > 0 && output[0].Alias == "system" ? 1 : 0;
            output.Insert(at, new RenderPart(null, parameter, null) { Block = RenderBlock.History });
        }

        return output;
    }

    /// <summary>A section's parts without the white space at its start and end (the line breaks around role markers).</summary>
    private static List<RenderPart> Trim(List<RenderPart> parts)
    {
        var trimmed = new List<RenderPart>(parts);
        if (trimmed.Count > 0 && trimmed[0].Literal is { } head)
        {
            trimmed[0] = trimmed[0] with { Literal = head.TrimStart() };
        }

        trimmed.RemoveAll(p => p.Literal is { Length: 0 });
        return TrimEnd(trimmed);
    }

    /// <summary>
    /// Removes the white space a message would end with: from a last literal, from both branches of a last
    /// <c>{#if}</c>, and from the last item of a last <c>{#each}</c> (its trailing white space becomes the separator).
    /// </summary>
    private static List<RenderPart> TrimEnd(List<RenderPart> parts)
    {
        var trimmed = new List<RenderPart>(parts);
        while (trimmed.Count > 0 && trimmed[trimmed.Count - 1].Literal is { } tail && tail.TrimEnd().Length == 0)
        {
            trimmed.RemoveAt(trimmed.Count - 1);
        }

        if (trimmed.Count == 0)
        {
            return trimmed;
        }

        var last = trimmed[trimmed.Count - 1];
        if (last.Literal is { } text)
        {
            trimmed[trimmed.Count - 1] = last with { Literal = text.TrimEnd() };
        }
        else if (last.Block == RenderBlock.If)
        {
            trimmed[trimmed.Count - 1] = last with { Body = TrimEnd(last.Body.ToList()).ToEquatableArray(), Else = TrimEnd(last.Else.ToList()).ToEquatableArray() };
        }
        else if (last.Block == RenderBlock.Each && last.Body.Count > 0 && last.Body[last.Body.Count - 1].Literal is { } end && end.TrimEnd().Length < end.Length)
        {
            var body = last.Body.ToList();
            body[body.Count - 1] = body[body.Count - 1] with { Literal = end.TrimEnd() };
            body.RemoveAll(p => p.Literal is { Length: 0 });
            trimmed[trimmed.Count - 1] = last with { Body = body.ToEquatableArray(), Separator = end.Substring(end.TrimEnd().Length) };
        }

        return trimmed;
    }
}
