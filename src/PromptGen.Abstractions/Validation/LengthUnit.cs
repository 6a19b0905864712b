namespace PromptGen;

/// <summary>The unit in which <see cref="LengthBetweenAttribute"/> measures a response.</summary>
public enum LengthUnit
{
    /// <summary>Characters (UTF-16 code units after trimming).</summary>
    Characters,

    /// <summary>Whitespace-separated words.</summary>
    Words,

    /// <summary>Non-empty lines.</summary>
    Lines,
}
