using System.Linq;
using Microsoft.CodeAnalysis;

namespace PromptGen.CodeFixes;

/// <summary>How to write a type or attribute name at a position: short when it is in scope there, global:: otherwise.</summary>
internal static class TypeNames
{
    /// <summary>The name of <paramref name="ns"/>.<paramref name="name"/> as it can be written at <paramref name="position"/>.</summary>
    public static string At(SemanticModel model, int position, string ns, string name)
    {
        var visible = model.LookupNamespacesAndTypes(position, name: name)
            .OfType<INamedTypeSymbol>()
            .Any(t => t.ContainingNamespace?.ToDisplayString() == ns);
        return visible ? name : "global::" + ns + "." + name;
    }

    /// <summary>An attribute's name at <paramref name="position"/>: 'Prompt' for PromptGen.PromptAttribute when in scope.</summary>
    public static string Attribute(SemanticModel model, int position, string ns, string attributeClass)
    {
        var written = At(model, position, ns, attributeClass);
        return written.EndsWith("Attribute", System.StringComparison.Ordinal) ? written.Substring(0, written.Length - "Attribute".Length) : written;
    }

    /// <summary>The leading white space of the line <paramref name="position"/> is on.</summary>
    public static string Indentation(Microsoft.CodeAnalysis.Text.SourceText text, int position)
    {
        var line = text.Lines.GetLineFromPosition(position);
        var start = line.Start;
        var end = start;
        while (end < line.End && char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return text.ToString(new Microsoft.CodeAnalysis.Text.TextSpan(start, end - start));
    }
}
