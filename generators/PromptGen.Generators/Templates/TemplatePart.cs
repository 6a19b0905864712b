using PromptGen.Generators.Models;

namespace PromptGen.Generators.Templates;

/// <summary>One piece of a parsed template: literal text (escapes already undone), a placeholder, or a block.</summary>
/// <param name="IsPlaceholder">Whether this part is a placeholder.</param>
/// <param name="Text">The literal text; the placeholder's path (<c>order.Customer.Name</c>, <c>@index</c>); a block's
/// condition or collection path; a role section's role.</param>
/// <param name="Format">The placeholder's format (after <c>:</c>), if any.</param>
/// <param name="Offset">Where the part starts in the template text (for a placeholder or block, the offset of its path).</param>
/// <param name="Length">The part's length in the template text (for a placeholder or block, the length of its path).</param>
/// <param name="Block">The block kind, or <see cref="TemplateBlock.None"/>.</param>
/// <param name="Negated">For <c>{#if !x}</c>, whether the condition is negated.</param>
/// <param name="Alias">For <c>{#each items as item}</c>, the item name.</param>
/// <param name="AliasOffset">Where the item name starts.</param>
/// <param name="Body">A block's content (the <c>{#if}</c> branch, the loop body).</param>
/// <param name="Else">An <c>{#if}</c>'s <c>{:else}</c> branch.</param>
internal sealed record TemplatePart(
    bool IsPlaceholder,
    string Text,
    string? Format,
    int Offset,
    int Length,
    TemplateBlock Block = TemplateBlock.None,
    bool Negated = false,
    string? Alias = null,
    int AliasOffset = 0,
    EquatableArray<TemplatePart> Body = default,
    EquatableArray<TemplatePart> Else = default)
{
    public static TemplatePart Literal(string text, int offset, int length) => new(false, text, null, offset, length);

    public static TemplatePart Placeholder(string name, string? format, int offset, int length) => new(true, name, format, offset, length);
}
