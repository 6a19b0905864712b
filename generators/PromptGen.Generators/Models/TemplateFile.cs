namespace PromptGen.Generators.Models;

/// <summary>An <c>AdditionalFiles</c> item that may hold a template: its normalized path ('/' separators) and text.</summary>
internal sealed record TemplateFile(string Path, string Text);
