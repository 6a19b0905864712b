namespace PromptGen.Generators.Models;

/// <summary>How a value reached by a template path renders and can be tested: a parameter, a member or a loop item.</summary>
/// <param name="Type">The fully qualified type, with nullable annotations (for messages).</param>
/// <param name="Key">The type's key in <see cref="TemplateTypes.Types"/> (for <c>Nullable&lt;T&gt;</c>, the key of <c>T</c>).</param>
/// <param name="Kind">How the value renders.</param>
/// <param name="CanBeNull">Whether the value can be <see langword="null"/> at run time (any reference, <c>Nullable&lt;T&gt;</c>).</param>
/// <param name="IsValueType">Whether the type is a value type.</param>
/// <param name="Annotated">Whether the declaration says it may be null (<c>T?</c>), so reading a member needs a null check.</param>
/// <param name="IsBool">Whether the value is a <c>bool</c> or <c>bool?</c>.</param>
/// <param name="CountMember">For arrays and lists, <c>Length</c> or <c>Count</c>; else <see langword="null"/>.</param>
/// <param name="Item">For collections, the item's shape.</param>
internal sealed record ValueShape(
    string Type,
    string Key,
    ValueKind Kind,
    bool CanBeNull,
    bool IsValueType,
    bool Annotated,
    bool IsBool,
    string? CountMember,
    ValueShape? Item);
