namespace PromptGen.Validation;

/// <summary>
/// The answer must contain JSON (<see cref="JsonResponseAttribute"/>, llm_call <c>json_string</c>), found by
/// <see cref="JsonExtractor"/>: code fences, prose, an echoed schema, an envelope and JSON Lines are tolerated.
/// </summary>
public sealed class JsonRule : ResponseRule
{
    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Structural;

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Done(context.Json.Success ? ValidationResult.Valid : Fail(context.Json.Error!));
    }
}
