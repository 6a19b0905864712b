namespace PromptGen.Validation;

/// <summary>The answer must contain non-whitespace text (<see cref="NotEmptyAttribute"/>, llm_call <c>response_not_empty</c>).</summary>
public sealed class NotEmptyRule : ResponseRule
{
    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Structural;

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Done(string.IsNullOrWhiteSpace(context.Text) ? Fail("The answer is empty; reply with a non-empty answer.") : ValidationResult.Valid);
    }
}
