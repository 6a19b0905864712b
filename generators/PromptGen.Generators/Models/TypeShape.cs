namespace PromptGen.Generators.Models;

/// <summary>The readable members of one type (public instance properties with a getter and public fields, inherited ones included).</summary>
/// <param name="Key">The type, fully qualified without nullable annotation.</param>
/// <param name="Members">Its members in declaration order; empty when <paramref name="Opaque"/>.</param>
/// <param name="Opaque">Why templates cannot read members of this type (a framework type, beyond the type limit), or <see langword="null"/>.</param>
internal sealed record TypeShape(string Key, EquatableArray<MemberShape> Members, string? Opaque);
