namespace PromptGen.Generators.Models;

/// <summary>
/// One validation-rule attribute on a prompt method, as values. <paramref name="Kind"/> is the attribute name without
/// <c>Attribute</c>; the other fields hold its arguments (which ones depends on the kind, see <c>RuleReader</c>).
/// </summary>
/// <param name="Kind">The rule kind, e.g. <c>Contains</c>.</param>
/// <param name="Strings">String arguments: text, path, pattern, rubric, judge model, the values of <c>OneOf</c>, a validator type.</param>
/// <param name="Int1">First integer argument (min, minimum, language).</param>
/// <param name="Int2">Second integer argument (max).</param>
/// <param name="Int3">Third integer argument (length unit).</param>
/// <param name="Flag">A boolean argument (ignore case; for <c>ValidateWith</c>, whether the type implements the validator contract).</param>
/// <param name="Number">A floating-point argument (judge minimum score; NaN when unset).</param>
/// <param name="Message">The attribute's <c>Message</c>, or <see langword="null"/>.</param>
/// <param name="Location">The attribute.</param>
internal sealed record RuleDeclaration(
    string Kind,
    EquatableArray<string> Strings,
    int Int1,
    int Int2,
    int Int3,
    bool Flag,
    double Number,
    string? Message,
    LocationInfo? Location);

/// <summary>A checked rule ready to emit: the declaration plus what the model step resolved for it.</summary>
/// <param name="Rule">The declaration.</param>
/// <param name="FileText">For file-based rules, the file's text embedded at build time; otherwise <see langword="null"/>.</param>
internal sealed record RuleSpec(RuleDeclaration Rule, string? FileText);
