namespace PromptGen.Validation.Lenient;

/// <summary>The kinds of value the lenient reader produces; <see cref="Bare"/> is unquoted text.</summary>
internal enum LenientKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
    Bare,
}

/// <summary>A value read leniently from an answer, with its offset in the answer text (for located errors).</summary>
internal sealed class LenientNode
{
    public LenientNode(LenientKind kind, int offset, string? text = null)
    {
        Kind = kind;
        Offset = offset;
        Text = text;
    }

    public LenientKind Kind { get; }

    /// <summary>Gets the offset of the value's first character in the answer text.</summary>
    public int Offset { get; }

    /// <summary>Gets the text of a string, number or bare value.</summary>
    public string? Text { get; }

    /// <summary>Gets the elements of an array.</summary>
    public List<LenientNode>? Items { get; init; }

    /// <summary>Gets the members of an object, in order.</summary>
    public List<KeyValuePair<string, LenientNode>>? Members { get; init; }

    /// <summary>Gets or sets a value indicating whether the value was cut off by the end of the text (a string not closed, a container not closed).</summary>
    public bool CutOff { get; set; }

    /// <summary>Gets a value indicating whether the value is a JSON scalar that was written as one (number, literal, quoted string), not prose.</summary>
    public bool IsScalar => Kind is LenientKind.String or LenientKind.Number or LenientKind.True or LenientKind.False or LenientKind.Null;
}
