namespace PromptGen.Validation;

/// <summary>Where <see cref="JsonExtractor"/> found the JSON of an answer.</summary>
public enum JsonExtractionMethod
{
    /// <summary>No JSON was found.</summary>
    None,

    /// <summary>The whole answer (trimmed) is JSON.</summary>
    Whole,

    /// <summary>Inside a Markdown code fence.</summary>
    Fenced,

    /// <summary>Embedded in prose, or after an echoed schema.</summary>
    Embedded,

    /// <summary>One JSON object per line, combined into an array.</summary>
    JsonLines,
}
