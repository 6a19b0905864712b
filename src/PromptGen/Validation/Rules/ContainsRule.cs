namespace PromptGen.Validation;

/// <summary>The answer must contain a text (<see cref="ContainsAttribute"/>, llm_call <c>string_check</c> <c>contains</c>).</summary>
/// <param name="text">The required text.</param>
/// <param name="ignoreCase">Whether case is ignored (ordinal comparison otherwise).</param>
public sealed class ContainsRule(string text, bool ignoreCase = true) : ResponseRule
{
    /// <summary>Gets the required text.</summary>
    public string Text { get; } = string.IsNullOrEmpty(text) ? throw new ArgumentException("The required text must not be empty.", nameof(text)) : text;

    /// <summary>Gets a value indicating whether case is ignored.</summary>
    public bool IgnoreCase { get; } = ignoreCase;

    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Content;

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var found = context.Text.Contains(Text, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        return Done(found ? ValidationResult.Valid : Fail($"The answer must contain \"{Text}\"{(IgnoreCase ? string.Empty : " (case-sensitive)")}."));
    }
}
