namespace PromptGen.Generators.Templates;

/// <summary>A syntax error in a template, with the span (in the template text) it concerns.</summary>
/// <param name="Problem">What is wrong and how to fix it, in words.</param>
/// <param name="Offset">Where the problem starts.</param>
/// <param name="Length">How many characters it spans.</param>
/// <param name="Kind">Which diagnostic reports it.</param>
internal sealed record TemplateError(string Problem, int Offset, int Length, TemplateErrorKind Kind = TemplateErrorKind.Syntax);
