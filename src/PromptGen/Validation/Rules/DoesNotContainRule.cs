namespace PromptGen.Validation;

/// <summary>The answer must not contain a text (<see cref="DoesNotContainAttribute"/>, llm_call <c>string_check</c> <c>not_contains</c>).</summary>
/// <param name="text">The forbidden text.</param>
/// <param name="ignoreCase">Whether case is ignored (ordinal comparison otherwise).</param>
public sealed class DoesNotContainRule(string text, bool ignoreCase = true) : ResponseRule
{
    /// <summary>Gets the forbidden text.</summary>
    public string Text { get; } = string.IsNullOrEmpty(text) ? throw new ArgumentException("The forbidden text must not be empty.", nameof(text)) : text;

    /// <summary>Gets a value indicating whether case is ignored.</summary>
    public bool IgnoreCase { get; } = ignoreCase;

    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Content;

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var found = context.Text.Contains(Text, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        return Done(found ? Fail($"The answer must not contain \"{Text}\"; rephrase without it.") : ValidationResult.Valid);
    }
}
