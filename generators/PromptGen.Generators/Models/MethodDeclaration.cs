namespace PromptGen.Generators.Models;

/// <summary>A prompt method as declared (templates not yet resolved or parsed).</summary>
/// <param name="Name">The method name.</param>
/// <param name="ReturnTypeDisplay">The declared return type, fully qualified.</param>
/// <param name="ReturnKind">How the result is produced.</param>
/// <param name="IsValueTask">Whether the return type is a <c>ValueTask&lt;&gt;</c>.</param>
/// <param name="ResultType">For JSON results, the fully qualified type <c>T</c> (no nullable annotation).</param>
/// <param name="SchemaName">For JSON results, the schema name sent to providers (the type name).</param>
/// <param name="Schema">For JSON results, the shape of <c>T</c>.</param>
/// <param name="Parameters">The parameters in order.</param>
/// <param name="UserPrompt">The <c>[Prompt]</c> template, or <see langword="null"/> when missing (PG0002).</param>
/// <param name="SystemPrompt">The method's <c>[SystemPrompt]</c>, or <see langword="null"/>.</param>
/// <param name="Model">The method's <c>[Model]</c>, or <see langword="null"/>.</param>
/// <param name="Resilience">The method's resilience attributes.</param>
/// <param name="Rules">The method's validation-rule attributes, in declaration order.</param>
/// <param name="ReaskBudget">The <c>[Reask]</c> budget, or <see langword="null"/>.</param>
/// <param name="Location">The method name.</param>
/// <param name="Unsupported">Why the method cannot be generated (already reported), or <see langword="null"/>.</param>
internal sealed partial record MethodDeclaration(
    string Name,
    string ReturnTypeDisplay,
    ReturnKind ReturnKind,
    bool IsValueTask,
    string? ResultType,
    string? SchemaName,
    JsonSchemaNode? Schema,
    EquatableArray<ParameterModel> Parameters,
    TemplateSource? UserPrompt,
    TemplateSource? SystemPrompt,
    ModelSettings? Model,
    ResilienceSettings Resilience,
    EquatableArray<RuleDeclaration> Rules,
    int? ReaskBudget,
    LocationInfo? Location,
    string? Unsupported);
