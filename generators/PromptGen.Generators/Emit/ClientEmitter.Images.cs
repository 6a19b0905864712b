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
    private static List<EquatableArray<RenderPart>> TextSegments(MethodSpec method)
    {
        var segments = new List<EquatableArray<RenderPart>>();
        var current = new List<RenderPart>();
        foreach (var part in method.UserPrompt)
        {
            if (part.Parameter is { Kind: ValueKind.Image or ValueKind.Images })
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

    private static string SegmentName(MethodSpec method, int index) =>
        RenderName(method, "Prompt") + (index == 0 ? string.Empty : "Part" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Writes the content list of the user message and returns its name.</summary>
    private static string UserContent(CodeWriter writer, MethodSpec method, Locals locals)
    {
        var items = new List<string>();
        var segments = TextSegments(method);
        var segment = 0;
        var placed = new HashSet<string>();
        void Text()
        {
            var parts = segments[segment];
            if (parts.Count > 0)
            {
                items.Add($"{Content}.Text({RenderCall(parts, SegmentName(method, segment))})");
            }

            segment++;
        }

        foreach (var part in method.UserPrompt)
        {
            if (part.Parameter is { Kind: ValueKind.Image or ValueKind.Images } image)
            {
                Text();
                items.Add(Image(image));
                placed.Add(image.Name);
            }
        }

        Text();
        items.AddRange(method.Parameters.Where(p => p.Kind is ValueKind.Image or ValueKind.Images && !placed.Contains(p.Name)).Select(Image));
        var content = locals.Take("content");
        writer.Line($"global::System.Collections.Generic.List<global::Microsoft.Extensions.AI.AIContent> {content} = [{string.Join(", ", items)}];");
        return content;
    }

    private static string Image(ParameterModel image) => image.Kind == ValueKind.Image
        ? $"{Content}.Image({image.EmitName}, {Literals.String(image.Name)})"
        : $".. {Content}.Images({image.EmitName}, {Literals.String(image.Name)})";
}
