namespace PromptGen.Generators.Models;

/// <summary>The source text of an inline template's literal, so diagnostics can point into escaped and multi-line literals.</summary>
internal sealed partial record TemplateSource
{
    /// <summary>Gets the string literal token as written (quotes, escapes and indentation included), or <see langword="null"/>.</summary>
    public string? Token { get; init; }
}
