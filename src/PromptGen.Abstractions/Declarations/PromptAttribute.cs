namespace PromptGen;

/// <summary>
/// Declares the user prompt of a prompt method as a template over the method's parameters.
/// </summary>
/// <remarks>
/// <para>Placeholders are <c>{parameter}</c> or <c>{parameter:format}</c>; <c>{{</c> and <c>}}</c> are literal braces.
/// Collections render one item per line; <see langword="null"/> renders as an empty string unless the parameter is
/// non-nullable. Templates are parsed at build time: a placeholder with no matching parameter is a compile error.</para>
/// <para>Text placed into a placeholder is inserted verbatim; it is never re-parsed as a template.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PromptAttribute : Attribute
{
    /// <summary>Initializes a prompt whose template is loaded from <see cref="File"/>.</summary>
    public PromptAttribute()
    {
    }

    /// <summary>Initializes a prompt with an inline template.</summary>
    /// <param name="template">The template, for example <c>"Summarize in {words} words: {text}"</c>.</param>
    public PromptAttribute(string template) => Template = template;

    /// <summary>Gets the inline template, or <see langword="null"/> when the template comes from <see cref="File"/>.</summary>
    public string? Template { get; }

    /// <summary>
    /// Gets or sets the path of a template file included in the build as an <c>AdditionalFiles</c> item,
    /// for example <c>prompts/summarize.prompt.md</c>.
    /// </summary>
    public string? File { get; set; }
}
