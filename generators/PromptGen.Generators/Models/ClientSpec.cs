namespace PromptGen.Generators.Models;

/// <summary>Everything the emitter needs for one client: resolved, parsed and checked. The emitter only writes.</summary>
/// <param name="Namespace">The namespace of the generated class, empty for the global namespace.</param>
/// <param name="InterfaceFullName">The interface's full name without <c>global::</c>.</param>
/// <param name="InterfaceType">The interface, fully qualified.</param>
/// <param name="ImplementationName">The generated class name.</param>
/// <param name="IsPublic">Whether the class is public.</param>
/// <param name="Methods">The methods to implement.</param>
/// <param name="MemberStubs">Throwing explicit implementations of the members that are not methods (PG0004).</param>
internal sealed record ClientSpec(
    string Namespace,
    string InterfaceFullName,
    string InterfaceType,
    string ImplementationName,
    bool IsPublic,
    EquatableArray<MethodSpec> Methods,
    EquatableArray<string> MemberStubs)
{
    /// <summary>Gets the generated class, fully qualified.</summary>
    public string ImplementationType => "global::" + (Namespace.Length == 0 ? string.Empty : Namespace + ".") + ImplementationName;
}

/// <summary>One method to implement.</summary>
/// <param name="Name">The method name.</param>
/// <param name="DescriptorField">The name of its static descriptor field.</param>
/// <param name="ReturnTypeDisplay">The declared return type.</param>
/// <param name="ReturnKind">How the result is produced.</param>
/// <param name="IsValueTask">Whether the return type is a <c>ValueTask&lt;&gt;</c>.</param>
/// <param name="Parameters">The parameters in order.</param>
/// <param name="CancellationToken">The name of the cancellation token parameter, or <see langword="null"/>.</param>
/// <param name="Model">The model id, or <see langword="null"/> for the configured default.</param>
/// <param name="Fallbacks">The fallback model ids.</param>
/// <param name="Temperature">The temperature, or <see langword="null"/>.</param>
/// <param name="MaxOutputTokens">The output token limit, or <see langword="null"/>.</param>
/// <param name="Resilience">The effective resilience attributes (method over interface), checked.</param>
/// <param name="Rules">The checked validation rules.</param>
/// <param name="ReaskBudget">The re-ask budget, or <see langword="null"/> for the configured one.</param>
/// <param name="ResultType">For JSON results, <c>T</c>.</param>
/// <param name="SchemaJson">For JSON results, the rendered schema.</param>
/// <param name="StrictSchema">For JSON results, whether the schema fits OpenAI's strict structured output.</param>
/// <param name="SchemaName">For JSON results, the schema name.</param>
/// <param name="TypeInfo">For JSON results, the expression of the <c>JsonTypeInfo&lt;T&gt;</c>.</param>
/// <param name="SystemPrompt">The system template's parts, or <see langword="null"/> for none.</param>
/// <param name="UserPrompt">The user template's parts.</param>
/// <param name="Error">When set, the method cannot be generated: its body throws with this message (the diagnostic
/// already says why), so the build shows the PG diagnostic instead of a cascade of compiler errors.</param>
internal sealed partial record MethodSpec(
    string Name,
    string DescriptorField,
    string ReturnTypeDisplay,
    ReturnKind ReturnKind,
    bool IsValueTask,
    EquatableArray<ParameterModel> Parameters,
    string? CancellationToken,
    string? Model,
    EquatableArray<string> Fallbacks,
    double? Temperature,
    int? MaxOutputTokens,
    ResilienceSettings Resilience,
    EquatableArray<RuleSpec> Rules,
    int? ReaskBudget,
    string? ResultType,
    string? SchemaJson,
    bool StrictSchema,
    string? SchemaName,
    string? TypeInfo,
    EquatableArray<RenderPart>? SystemPrompt,
    EquatableArray<RenderPart> UserPrompt,
    string? Error);

/// <summary>One part of a template to render: literal text, or a parameter with an optional format.</summary>
/// <param name="Literal">The literal text, or <see langword="null"/> for a placeholder.</param>
/// <param name="Parameter">The placeholder's parameter.</param>
/// <param name="Format">The placeholder's format.</param>
internal sealed partial record RenderPart(string? Literal, ParameterModel? Parameter, string? Format);
