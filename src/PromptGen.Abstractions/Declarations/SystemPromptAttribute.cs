namespace PromptGen;

/// <summary>
/// Declares the system prompt of a prompt method, or of every method of a prompt client when placed on the interface.
/// A method-level system prompt replaces the interface-level one. The text is a template like <see cref="PromptAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class SystemPromptAttribute : Attribute
{
    /// <summary>Initializes a system prompt whose text is loaded from <see cref="File"/>.</summary>
    public SystemPromptAttribute()
    {
    }

    /// <summary>Initializes an inline system prompt.</summary>
    /// <param name="template">The system prompt template.</param>
    public SystemPromptAttribute(string template) => Template = template;

    /// <summary>Gets the inline template, or <see langword="null"/> when it comes from <see cref="File"/>.</summary>
    public string? Template { get; }

    /// <summary>Gets or sets the path of a template file included as an <c>AdditionalFiles</c> item.</summary>
    public string? File { get; set; }
}
