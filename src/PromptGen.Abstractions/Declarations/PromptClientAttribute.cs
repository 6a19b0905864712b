namespace PromptGen;

/// <summary>
/// Marks a <see langword="partial"/> interface as a prompt client. The PromptGen source generator emits a sealed
/// implementation whose methods render each method's prompt template, call the configured model through the router,
/// and return a typed result.
/// </summary>
/// <example>
/// <code>
/// [PromptClient(Model = "openai/gpt-4o-mini")]
/// public partial interface ITranslator
/// {
///     [Prompt("Translate into {language}: {text}")]
///     Task&lt;string&gt; TranslateAsync(string text, string language, CancellationToken cancellationToken = default);
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class PromptClientAttribute : Attribute
{
    /// <summary>
    /// Gets or sets the default model id (or alias) for methods that carry no <see cref="ModelAttribute"/>,
    /// for example <c>openai/gpt-4o-mini</c> or <c>max/opus</c>. When neither is set, the configured default model is used.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the name of the generated implementation. Defaults to the interface name without its leading <c>I</c>.</summary>
    public string? ImplementationName { get; set; }
}
