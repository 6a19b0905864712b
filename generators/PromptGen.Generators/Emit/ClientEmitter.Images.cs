using System.Collections.Generic;
using System.Linq;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Emit;

/// <summary>
/// Image parameters: the user message becomes content parts in template order — text rendered up to an image
/// placeholder, the image, the text after it — and images the template does not place follow the text, in parameter order.
/// </summary>
internal static partial class ClientEmitter
{
    private const string Content = "global::PromptGen.Generated.PromptContent";

    private static bool HasImages(MethodSpec method) => method.Parameters.Any(p => p.Kind is ValueKind.Image or ValueKind.Images);

    /// <summary>The user template cut at image placeholders: the text runs between images (one, for a method without images).</summary>
    private static List<EquatableArray<RenderPart>> TextSegments(MethodSpec method) => TextSegments(method.UserPrompt);

    /// <summary>A message's parts cut at image placeholders: the text runs between images.</summary>
    private static List<EquatableArray<RenderPart>> TextSegments(EquatableArray<RenderPart> parts)
    {
        var segments = new List<EquatableArray<RenderPart>>();
        var current = new List<RenderPart>();
        foreach (var part in parts)
        {
            if (IsImage(part))
            {
                segments.Add(current.ToEquatableArray());
                current = new List<RenderPart>();
            }
            else
            {
                current.Add(part);
            }
        }

        segments.Add(current.ToEquatableArray());
        return segments;
    }

    private static string SegmentName(MethodSpec method, int index) => SegmentName(RenderName(method, "Prompt"), index);

    private static string SegmentName(string baseName, int index) =>
        baseName + (index == 0 ? string.Empty : "Part" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Writes the content list of the user message and returns its name.</summary>
    private static string UserContent(CodeWriter writer, MethodSpec method, Locals locals) =>
        MessageContent(writer, method.UserPrompt, RenderName(method, "Prompt"), method.Parameters.Where(p => p.Kind is ValueKind.Image or ValueKind.Images), locals);

    /// <summary>Writes the content list of a message (text runs and the images placed between them, then <paramref name="unplaced"/>) and returns its name.</summary>
    private static string MessageContent(CodeWriter writer, EquatableArray<RenderPart> parts, string baseName, IEnumerable<ParameterModel> unplaced, Locals locals)
    {
        var items = new List<string>();
        var segments = TextSegments(parts);
        var segment = 0;
        var placed = new HashSet<string>();
        void Text()
        {
            var segmentParts = segments[segment];
            if (segmentParts.Count > 0)
            {
                items.Add($"{Content}.Text({RenderCall(segmentParts, SegmentName(baseName, segment))})");
            }

            segment++;
        }

        foreach (var part in parts)
        {
            if (IsImage(part) && part.Parameter is { } image)
            {
                Text();
                items.Add(Image(image));
                placed.Add(image.Name);
            }
        }

        Text();
        items.AddRange(unplaced.Where(p => !placed.Contains(p.Name)).Select(Image));
        var content = locals.Take("content");
        writer.Line($"global::System.Collections.Generic.List<global::Microsoft.Extensions.AI.AIContent> {content} = [{string.Join(", ", items)}];");
        return content;
    }

    /// <summary>Whether the part is an image placeholder (not a condition or loop over an image parameter).</summary>
    private static bool IsImage(RenderPart part) => part is { Block: RenderBlock.None, Value: null, Parameter.Kind: ValueKind.Image or ValueKind.Images };

    private static string Image(ParameterModel image) => image.Kind == ValueKind.Image
        ? $"{Content}.Image({image.EmitName}, {Literals.String(image.Name)})"
        : $".. {Content}.Images({image.EmitName}, {Literals.String(image.Name)})";
}
