namespace PromptGen.Generators.Models;

/// <summary>What the method's templates can reach (read in the transform, checked when templates are resolved).</summary>
internal sealed partial record MethodDeclaration
{
    /// <summary>Gets the shapes of the parameters and of the types reachable through their members.</summary>
    public TemplateTypes Templates { get; init; } = TemplateTypes.Empty;
}
