using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using PromptGen.Generators.Diagnostics;
using PromptGen.Generators.Templates;

namespace PromptGen.Generators.Models;

/// <summary>Template resolution: inline or file text → parsed parts → checked render parts, with exact locations.</summary>
internal static partial class ClientResolver
{
    private static EquatableArray<RenderPart>? Render(
        TemplateSource source,
        MethodDeclaration method,
        string owner,
        ImmutableArray<TemplateFile> files,
        HashSet<string> used,
        List<DiagnosticInfo> diagnostics,
        bool hasSystemPrompt = false)
    {
        var kind = source.AttributeName == "Prompt" ? "[Prompt]" : "[SystemPrompt]";
        string text;
        TemplateFile? file = null;
        if (source.Inline is not null)
        {
            text = source.Inline;
        }
        else
        {
            file = FindFile(files, source.FilePath ?? string.Empty);
            if (file is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TemplateFileNotFound, source.Location, kind, source.FilePath ?? string.Empty, owner));
                return null;
            }

            text = file.Text;
        }

        if (text.Trim().Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedTemplate, source.Location, kind, owner, "0",
                "the template is empty, so the model would get an empty message (providers reject it); write the prompt, or remove the attribute"));
            return null;
        }

        var parsed = TemplateParser.Parse(text);
        var context = new TemplateContext(source, file, kind, owner, method, used, diagnostics) { HasSystemPrompt = hasSystemPrompt };
        foreach (var error in parsed.Errors)
        {
            var descriptor = error.Kind switch
            {
                TemplateErrorKind.Unclosed => DiagnosticDescriptors.UnclosedBlock,
                TemplateErrorKind.Stray => DiagnosticDescriptors.StrayBlockEnd,
                TemplateErrorKind.Else => DiagnosticDescriptors.ElseOutsideIf,
                _ => DiagnosticDescriptors.MalformedTemplate,
            };
            context.Report(descriptor, error.Offset, error.Length, error.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Problem);
        }

        var parts = Walk(parsed.Parts, context, topLevel: true);
        if (kind == "[Prompt]" && context.Ok)
        {
            parts = Conversation(parts, context);
        }

        return context.Ok ? parts.ToEquatableArray() : null;
    }

    internal static TemplateFile? FindFile(ImmutableArray<TemplateFile> files, string requested)
    {
        var wanted = Normalize(requested).TrimStart('/');
        if (wanted.StartsWith("./", StringComparison.Ordinal))
        {
            wanted = wanted.Substring(2);
        }

        return files
            .Where(f => Normalize(f.Path).EndsWith("/" + wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(Normalize(f.Path), wanted, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Path.Length)
            .FirstOrDefault();
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    /// <summary>Maps a span of the template text to source: the exact span inside a one-line literal or a file, else the argument.</summary>
    internal static LocationInfo? Locate(TemplateSource source, TemplateFile? file, int offset, int length)
    {
        if (file is not null)
        {
            return FileLocation(file, offset, length);
        }

        if (source.Location is { } location && source.LiteralOffset >= 0)
        {
            return location.Slice(source.LiteralOffset + offset, length);
        }

        // An escaped or multi-line literal: map the value's characters back to the token's.
        if (source.Location is { } literal && source.Token is { } token && source.Inline is { } value && LiteralMap.Map(token, value) is { } map
            && literal.Length == token.Length && offset >= 0 && offset + length < map.Length)
        {
            var start = map[offset];
            var end = length == 0 ? start : map[offset + length - 1] + 1;
            var (line, character) = LinePosition(token, start);
            var (endLine, endCharacter) = LinePosition(token, end);
            return new LocationInfo(
                literal.FilePath,
                literal.Start + start,
                end - start,
                literal.StartLine + line,
                line == 0 ? literal.StartCharacter + character : character,
                literal.StartLine + endLine,
                endLine == 0 ? literal.StartCharacter + endCharacter : endCharacter);
        }

        return source.Location;
    }

    private static LocationInfo FileLocation(TemplateFile file, int offset, int length)
    {
        var (line, character) = LinePosition(file.Text, offset);
        var (endLine, endCharacter) = LinePosition(file.Text, offset + length);
        return new LocationInfo(file.Path, offset, length, line, character, endLine, endCharacter);
    }

    private static (int Line, int Character) LinePosition(string text, int offset)
    {
        var line = 0;
        var start = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                start = i + 1;
            }
        }

        return (line, offset - start);
    }
}
