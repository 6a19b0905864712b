namespace PromptGen.Generators.Models;

/// <summary>A checked template path: where it starts, the members it reads, and the shape of what it reaches.</summary>
/// <param name="RootKind">What the first name is.</param>
/// <param name="Root">The parameter's emit name, the loop item's name, or the loop marker (<c>@index</c>).</param>
/// <param name="Hops">The members read after the root, in order.</param>
/// <param name="Value">The shape of the value reached.</param>
/// <param name="Path">The path as written, for comments and messages.</param>
internal sealed record ValueAccess(AccessRoot RootKind, string Root, EquatableArray<MemberHop> Hops, ValueShape Value, string Path)
{
    /// <summary>Gets a value indicating whether a hop may meet <see langword="null"/>, so the value reached may be null even when its type is not.</summary>
    public bool Lifted
    {
        get
        {
            foreach (var hop in Hops)
            {
                if (hop.Conditional)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>What a template path starts from.</summary>
internal enum AccessRoot
{
    /// <summary>A method parameter.</summary>
    Parameter,

    /// <summary>The item of an enclosing <c>{#each}</c>.</summary>
    Item,

    /// <summary>A loop marker: <c>@index</c>, <c>@number</c>, <c>@first</c>, <c>@last</c>.</summary>
    Marker,
}

/// <summary>One member read.</summary>
/// <param name="EmitName">The member as C# spells it.</param>
/// <param name="Conditional">Whether the receiver can be <see langword="null"/> (read with <c>?.</c>).</param>
internal sealed record MemberHop(string EmitName, bool Conditional);
