namespace PromptGen.Generators.Templates;

/// <summary>One segment of a <see cref="MemberPath"/>.</summary>
/// <param name="Name">The member name (empty for a bare index).</param>
/// <param name="Text">The segment as written, indexes included.</param>
/// <param name="Offset">Where the name starts (in the template or attribute text).</param>
/// <param name="Length">The name's length.</param>
/// <param name="Indexes">How many <c>[n]</c> indexes follow the name.</param>
internal sealed record PathSegment(string Name, string Text, int Offset, int Length, int Indexes);
