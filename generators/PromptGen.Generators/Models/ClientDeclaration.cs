namespace PromptGen.Generators.Models;

/// <summary>A <c>[PromptClient]</c> interface as declared: the output of the first pipeline step.</summary>
/// <param name="Namespace">The interface's namespace, empty for the global namespace.</param>
/// <param name="InterfaceFullName">The interface's full name without <c>global::</c> (the descriptor's client name).</param>
/// <param name="InterfaceType">The interface, fully qualified with <c>global::</c>.</param>
/// <param name="ImplementationName">The generated class name.</param>
/// <param name="IsPublic">Whether the interface (and so the class) is public.</param>
/// <param name="DefaultModel">The <c>[PromptClient(Model = ...)]</c> value.</param>
/// <param name="DefaultModelLocation">Where that value is written.</param>
/// <param name="Model">The interface-level <c>[Model]</c>.</param>
/// <param name="SystemPrompt">The interface-level <c>[SystemPrompt]</c>.</param>
/// <param name="Resilience">The interface-level resilience attributes.</param>
/// <param name="HasJsonSchemaRules">Whether <c>PromptGen.Validation.JsonSchema</c> is referenced (for <c>[MatchesSchema]</c>).</param>
/// <param name="Methods">The prompt methods.</param>
/// <param name="MemberStubs">Throwing explicit implementations of the members that are not methods (PG0004), as C#.</param>
internal sealed record ClientDeclaration(
    string Namespace,
    string InterfaceFullName,
    string InterfaceType,
    string ImplementationName,
    bool IsPublic,
    string? DefaultModel,
    LocationInfo? DefaultModelLocation,
    ModelSettings? Model,
    TemplateSource? SystemPrompt,
    ResilienceSettings Resilience,
    bool HasJsonSchemaRules,
    EquatableArray<MethodDeclaration> Methods,
    EquatableArray<string> MemberStubs);
