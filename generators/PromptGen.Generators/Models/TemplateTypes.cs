namespace PromptGen.Generators.Models;

/// <summary>
/// What templates of one method can reach, read from symbols in the transform and kept as values: the parameters'
/// shapes and, for every type reachable through members and collection items, its members.
/// </summary>
/// <param name="Parameters">The method's parameters, in order.</param>
/// <param name="Types">The reachable types, each once.</param>
internal sealed record TemplateTypes(EquatableArray<MemberShape> Parameters, EquatableArray<TypeShape> Types)
{
    public static readonly TemplateTypes Empty = new(EquatableArray<MemberShape>.Empty, EquatableArray<TypeShape>.Empty);
}
