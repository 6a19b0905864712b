namespace PromptGen;

/// <summary>The response must contain <see cref="Text"/>.</summary>
/// <param name="text">The required text.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ContainsAttribute(string text) : ResponseRuleAttribute
{
    /// <summary>Gets the required text.</summary>
    public string Text { get; } = text;

    /// <summary>Gets or sets a value indicating whether the comparison ignores case (default <see langword="true"/>).</summary>
    public bool IgnoreCase { get; set; } = true;
}

/// <summary>The response must not contain <see cref="Text"/>.</summary>
/// <param name="text">The forbidden text.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class DoesNotContainAttribute(string text) : ResponseRuleAttribute
{
    /// <summary>Gets the forbidden text.</summary>
    public string Text { get; } = text;

    /// <summary>Gets or sets a value indicating whether the comparison ignores case (default <see langword="true"/>).</summary>
    public bool IgnoreCase { get; set; } = true;
}

/// <summary>The response must match a regular expression, compiled at build time.</summary>
/// <param name="pattern">The .NET regular expression.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class MatchesPatternAttribute(string pattern) : ResponseRuleAttribute
{
    /// <summary>Gets the pattern.</summary>
    public string Pattern { get; } = pattern;
}

/// <summary>The response length must lie between <see cref="Min"/> and <see cref="Max"/> (inclusive) in <see cref="Unit"/>.</summary>
/// <param name="min">The minimum length (0 for none).</param>
/// <param name="max">The maximum length (<see cref="int.MaxValue"/> for none).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class LengthBetweenAttribute(int min, int max) : ResponseRuleAttribute
{
    /// <summary>Gets the minimum length.</summary>
    public int Min { get; } = min;

    /// <summary>Gets the maximum length.</summary>
    public int Max { get; } = max;

    /// <summary>Gets or sets the unit of measure (default characters).</summary>
    public LengthUnit Unit { get; set; }
}

/// <summary>The response must start with <see cref="Text"/> (leading whitespace ignored).</summary>
/// <param name="text">The required prefix.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StartsWithAttribute(string text) : ResponseRuleAttribute
{
    /// <summary>Gets the required prefix.</summary>
    public string Text { get; } = text;
}

/// <summary>The response must end with <see cref="Text"/> (trailing whitespace ignored).</summary>
/// <param name="text">The required suffix.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class EndsWithAttribute(string text) : ResponseRuleAttribute
{
    /// <summary>Gets the required suffix.</summary>
    public string Text { get; } = text;
}

/// <summary>The trimmed response must equal one of <see cref="Values"/> (case-insensitive).</summary>
/// <param name="values">The allowed answers.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OneOfAttribute(params string[] values) : ResponseRuleAttribute
{
    /// <summary>Gets the allowed answers.</summary>
    public IReadOnlyList<string> Values { get; } = values;
}

/// <summary>The response must contain at least <see cref="Minimum"/> keywords listed (one per line) in a corpus file included as an <c>AdditionalFiles</c> item.</summary>
/// <param name="path">The corpus file path.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ContainsKeywordsFromAttribute(string path) : ResponseRuleAttribute
{
    /// <summary>Gets the corpus file path.</summary>
    public string Path { get; } = path;

    /// <summary>Gets or sets how many distinct keywords must appear (default 1).</summary>
    public int Minimum { get; set; } = 1;
}
