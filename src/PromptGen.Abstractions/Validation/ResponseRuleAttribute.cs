namespace PromptGen;

/// <summary>
/// Base class of the validation rules placed on a prompt method. Rules run in order structural → content → judge;
/// a failed rule makes PromptGen re-ask the model with the exact errors, within the <see cref="ReaskAttribute"/> budget.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public abstract class ResponseRuleAttribute : Attribute
{
    /// <summary>Gets or sets an optional message sent to the model instead of the rule's default description when it fails.</summary>
    public string? Message { get; set; }
}
