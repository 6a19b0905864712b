namespace PromptGen.Generators.Templates;

/// <summary>One piece of a parsed template: literal text (escapes already undone) or a placeholder.</summary>
/// <param name="IsPlaceholder">Whether this part is a placeholder.</param>
/// <param name="Text">The literal text, or the placeholder's parameter name.</param>
/// <param name="Format">The placeholder's format (after <c>:</c>), if any.</param>
/// <param name="Offset">Where the part starts in the template text (for a placeholder, the offset of its name).</param>
/// <param name="Length">The part's length in the template text (for a placeholder, the length of its name).</param>
internal sealed record TemplatePart(bool IsPlaceholder, string Text, string? Format, int Offset, int Length)
{
    public static TemplatePart Literal(string text, int offset, int length) => new(false, text, null, offset, length);

    public static TemplatePart Placeholder(string name, string? format, int offset, int length) => new(true, name, format, offset, length);
}
