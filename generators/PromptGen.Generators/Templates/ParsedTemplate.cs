using PromptGen.Generators.Models;

namespace PromptGen.Generators.Templates;

/// <summary>A template parsed at build time: its parts in order, and any syntax errors.</summary>
internal sealed record ParsedTemplate(EquatableArray<TemplatePart> Parts, EquatableArray<TemplateError> Errors);
