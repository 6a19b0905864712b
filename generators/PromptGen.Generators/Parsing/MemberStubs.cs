using System.Linq;
using Microsoft.CodeAnalysis;

namespace PromptGen.Generators.Parsing;

/// <summary>
/// Explicit implementations that throw, for the properties, indexers and events of a prompt client (PG0004): the build
/// fails on PG0004 alone, with no follow-on CS0535 for the member the generated class could not implement.
/// </summary>
internal static class MemberStubs
{
    /// <summary>The C# of the stub, or <see langword="null"/> for members that need none.</summary>
    public static string? For(ISymbol member)
    {
        var owner = member.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var reason = $"throw new global::System.NotSupportedException(\"{member.ContainingType.Name}.{member.Name} is not a prompt method (PG0004).\")";
        switch (member)
        {
            case IPropertySymbol property when property.RefKind == RefKind.None:
                var name = property.IsIndexer
                    ? "this[" + string.Join(", ", property.Parameters.Select(p => p.Type.Display() + " " + p.Name)) + "]"
                    : property.Name;
                var accessors = (property.GetMethod is not null ? $"get => {reason}; " : string.Empty)
                    + (property.SetMethod is { } set ? (set.IsInitOnly ? "init" : "set") + $" => {reason}; " : string.Empty);
                return $"{property.Type.Display()} {owner}.{name} {{ {accessors}}}";
            case IEventSymbol @event:
                return $"event {@event.Type.Display()} {owner}.{@event.Name} {{ add => {reason}; remove => {reason}; }}";
            default:
                return null;
        }
    }
}
