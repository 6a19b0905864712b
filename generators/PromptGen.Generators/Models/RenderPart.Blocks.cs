namespace PromptGen.Generators.Models;

/// <summary>
/// The checked template tree: a placeholder with a member path carries its <see cref="Value"/>; blocks carry their
/// condition or collection and their parts; a conversation's top level holds role sections and history.
/// </summary>
internal sealed partial record RenderPart
{
    /// <summary>Gets what this part is beyond literal text and a plain parameter placeholder.</summary>
    public RenderBlock Block { get; init; }

    /// <summary>Gets the checked path of a member-path placeholder, an <c>{#if}</c> condition or an <c>{#each}</c> collection.</summary>
    public ValueAccess? Value { get; init; }

    /// <summary>Gets the item name of an <c>{#each}</c>, or the role of a section (<c>system</c>, <c>user</c>, <c>assistant</c>).</summary>
    public string? Alias { get; init; }

    /// <summary>Gets a value indicating whether an <c>{#if}</c> condition is negated.</summary>
    public bool Negated { get; init; }

    /// <summary>Gets the parts of a block or a role section.</summary>
    public EquatableArray<RenderPart> Body { get; init; }

    /// <summary>
    /// Gets the text an <c>{#each}</c> writes between items instead of after each one (the white space that ended its body
    /// when the loop ends a message), or <see langword="null"/>.
    /// </summary>
    public string? Separator { get; init; }

    /// <summary>Gets the <c>{:else}</c> parts of an <c>{#if}</c>.</summary>
    public EquatableArray<RenderPart> Else { get; init; }
}

/// <summary>What a <see cref="RenderPart"/> is beyond literal text and a placeholder.</summary>
internal enum RenderBlock
{
    /// <summary>Literal text or a placeholder.</summary>
    None,

    /// <summary>A conditional section.</summary>
    If,

    /// <summary>A loop.</summary>
    Each,

    /// <summary>A message of the conversation with the role in <see cref="RenderPart.Alias"/> (top level only).</summary>
    Role,

    /// <summary>The history parameter's messages, in <see cref="RenderPart.Parameter"/> (top level only).</summary>
    History,
}
