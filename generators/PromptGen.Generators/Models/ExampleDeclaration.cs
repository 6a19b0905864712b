namespace PromptGen.Generators.Models;

/// <summary>A <c>[PromptExample]</c> as declared: its JSON texts with where they are written, checked when the client is resolved.</summary>
/// <param name="Name">The <c>Name</c>, or <see langword="null"/> for <c>Client.Method#n</c>.</param>
/// <param name="Arguments">The arguments literal (a JSON object); <c>Inline</c> is <see langword="null"/> when it is <see langword="null"/>.</param>
/// <param name="Expect">The <c>Expect</c> literal (a JSON array), or <see langword="null"/>.</param>
/// <param name="Attribute">The attribute.</param>
/// <param name="NameLocation">The <c>Name</c> argument, or <see langword="null"/>.</param>
/// <param name="File">The source file, as the compiler sees it.</param>
/// <param name="Line">The 1-based line of the attribute.</param>
internal sealed record ExampleDeclaration(string? Name, TemplateSource Arguments, TemplateSource? Expect, LocationInfo? Attribute, LocationInfo? NameLocation, string File, int Line);

/// <summary>A checked example, as the catalog lists it.</summary>
/// <param name="Name">The case id.</param>
/// <param name="Arguments">The arguments (a JSON object).</param>
/// <param name="Expect">The expectations (a JSON array), or <see langword="null"/>.</param>
/// <param name="File">The source file.</param>
/// <param name="Line">The 1-based line of the attribute.</param>
internal sealed record ExampleSpec(string Name, string Arguments, string? Expect, string File, int Line);

/// <summary>The examples of a method, as declared.</summary>
internal sealed partial record MethodDeclaration
{
    /// <summary>Gets the method's <c>[PromptExample]</c>s in declaration order.</summary>
    public EquatableArray<ExampleDeclaration> Examples { get; init; } = EquatableArray<ExampleDeclaration>.Empty;

    /// <summary>Gets the JSON shape of each parameter (parallel to <see cref="Parameters"/>), read only when the method has examples.</summary>
    public EquatableArray<JsonSchemaNode> ParameterSchemas { get; init; } = EquatableArray<JsonSchemaNode>.Empty;
}

/// <summary>The examples of a method, checked.</summary>
internal sealed partial record MethodSpec
{
    /// <summary>Gets the checked examples, for the catalog.</summary>
    public EquatableArray<ExampleSpec> Examples { get; init; } = EquatableArray<ExampleSpec>.Empty;
}
