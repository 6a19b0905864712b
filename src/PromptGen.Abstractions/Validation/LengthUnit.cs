namespace PromptGen;

/// <summary>The unit in which <see cref="LengthBetweenAttribute"/> measures a response.</summary>
public enum LengthUnit
{
    /// <summary>User-perceived characters (grapheme clusters) after trimming: an emoji or an accented letter counts once.</summary>
    Characters,

    /// <summary>Whitespace-separated words.</summary>
    Words,

    /// <summary>Non-empty lines.</summary>
    Lines,
}
