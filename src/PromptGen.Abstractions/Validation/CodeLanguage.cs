namespace PromptGen;

/// <summary>Languages whose syntax <see cref="ValidCodeAttribute"/> can check.</summary>
public enum CodeLanguage
{
    /// <summary>C#, parsed with Roslyn.</summary>
    CSharp,

    /// <summary>JSON, parsed with System.Text.Json.</summary>
    Json,
}
