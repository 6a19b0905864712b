namespace PromptGen;

/// <summary>The response must contain non-whitespace text.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class NotEmptyAttribute : ResponseRuleAttribute;

/// <summary>
/// The response must be JSON. Tolerates code fences, leading prose, an echoed schema, an envelope object and JSON Lines;
/// the raw text is kept. Implied for methods that return a typed result.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class JsonResponseAttribute : ResponseRuleAttribute;

/// <summary>The JSON response must satisfy a JSON Schema file included as an <c>AdditionalFiles</c> item.</summary>
/// <param name="path">The schema file path, for example <c>schemas/invoice.schema.json</c>.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class MatchesSchemaAttribute(string path) : ResponseRuleAttribute
{
    /// <summary>Gets the schema file path.</summary>
    public string Path { get; } = path;
}

/// <summary>A field of the JSON response must be present (and not null), by path such as <c>user.address.city</c> or <c>items[0].name</c>.</summary>
/// <param name="path">The field path.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class RequiredFieldAttribute(string path) : ResponseRuleAttribute
{
    /// <summary>Gets the field path.</summary>
    public string Path { get; } = path;
}

/// <summary>A field of the JSON response must be absent, by path such as <c>debug</c> or <c>items[0].internal</c>.</summary>
/// <param name="path">The field path.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ForbiddenFieldAttribute(string path) : ResponseRuleAttribute
{
    /// <summary>Gets the field path.</summary>
    public string Path { get; } = path;
}

/// <summary>The response must be syntactically valid code in <see cref="Language"/>.</summary>
/// <param name="language">The language to parse.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ValidCodeAttribute(CodeLanguage language) : ResponseRuleAttribute
{
    /// <summary>Gets the language to parse.</summary>
    public CodeLanguage Language { get; } = language;
}
