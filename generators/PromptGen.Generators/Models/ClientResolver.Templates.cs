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
        List<DiagnosticInfo> diagnostics)
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

        var parsed = TemplateParser.Parse(text);
        var ok = true;
        foreach (var error in parsed.Errors)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.MalformedTemplate,
                Locate(source, file, error.Offset, error.Length),
                kind,
                owner,
                error.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture),
                error.Problem));
            ok = false;
        }

        var parts = new List<RenderPart>();
        var candidates = method.Parameters.Where(p => p.Kind is not (ValueKind.CancellationToken or ValueKind.CallOptions)).ToList();
        foreach (var part in parsed.Parts)
        {
            if (!part.IsPlaceholder)
            {
                parts.Add(new RenderPart(part.Text, null, null));
                continue;
            }

            var parameter = candidates.FirstOrDefault(p => p.Name == part.Text);
            if (parameter is null)
            {
                var names = candidates.Count == 0 ? "(the method has no parameters to insert)" : string.Join(", ", candidates.Select(p => "{" + p.Name + "}"));
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownPlaceholder, Locate(source, file, part.Offset, part.Length), kind, owner, part.Text, names));
                ok = false;
                continue;
            }

            used.Add(parameter.Name);
            if (parameter.Kind is ValueKind.Image or ValueKind.Images)
            {
                // Images become content parts where their placeholder stands; they take no format and no system prompt.
                var problem = kind != "[Prompt]" ? "a system prompt is text only; place the image in the [Prompt] template or leave it out (unplaced images follow the prompt text)"
                    : part.Format is not null ? $"an image takes no format; write '{{{part.Text}}}'" : null;
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ImagePlacement, Locate(source, file, part.Offset, part.Length), kind, owner, part.Text, problem));
                    ok = false;
                    continue;
                }
            }

            var formattable = parameter.Kind == ValueKind.Formattable || (parameter.Kind == ValueKind.Collection && parameter.ItemKind == ValueKind.Formattable);
            if (part.Format is not null && !formattable)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.FormatNotSupported,
                    Locate(source, file, part.Offset, part.Length + 1 + part.Format.Length),
                    kind,
                    owner,
                    part.Text,
                    part.Format,
                    parameter.TypeDisplay.Replace("global::", string.Empty)));
                ok = false;
                continue;
            }

            parts.Add(new RenderPart(null, parameter, part.Format));
        }

        return ok ? parts.ToEquatableArray() : null;
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
    private static LocationInfo? Locate(TemplateSource source, TemplateFile? file, int offset, int length)
    {
        if (file is not null)
        {
            return FileLocation(file, offset, length);
        }

        return source.Location is { } location && source.LiteralOffset >= 0 ? location.Slice(source.LiteralOffset + offset, length) : source.Location;
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
