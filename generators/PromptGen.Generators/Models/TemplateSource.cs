namespace PromptGen.Generators.Models;

/// <summary>Where a template comes from: an inline string or a file, and where it was declared.</summary>
/// <param name="AttributeName">The declaring attribute, <c>Prompt</c> or <c>SystemPrompt</c>.</param>
/// <param name="Inline">The inline template text, or <see langword="null"/> when it comes from <paramref name="FilePath"/>.</param>
/// <param name="FilePath">The template file path as written, or <see langword="null"/>.</param>
/// <param name="Location">The attribute argument (the string literal, when there is one).</param>
/// <param name="LiteralOffset">How many characters precede the value inside a single-line literal without escapes
/// (1 for <c>"..."</c>), so template offsets map to exact source spans; -1 when they do not map.</param>
internal sealed partial record TemplateSource(string AttributeName, string? Inline, string? FilePath, LocationInfo? Location, int LiteralOffset);
