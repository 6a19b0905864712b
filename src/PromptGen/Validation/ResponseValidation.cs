namespace PromptGen.Validation;

/// <summary>Runs rules in stage order: structural → content → judge. A stage with failures stops the later stages.</summary>
public static class ResponseValidation
{
    /// <summary>Validates one answer against <paramref name="rules"/>, collecting every failure of the first failing stage.</summary>
    /// <param name="rules">The rules, in any order; validators that are not <see cref="ResponseRule"/>s run in the content stage.</param>
    /// <param name="context">The answer.</param>
    /// <param name="cancellationToken">The call's cancellation token.</param>
    /// <returns>Every failure found.</returns>
    /// <exception cref="PromptGenException">A rule could not decide (for example a judge error); that is an error, not a failure.</exception>
    public static async ValueTask<ValidationResult> ValidateAsync(IEnumerable<IResponseValidator> rules, ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(context);
        var ordered = rules.Select((rule, index) => (rule, index, stage: StageOf(rule))).OrderBy(r => r.stage).ThenBy(r => r.index).ToList();
        var errors = new List<string>();
        ValidationStage? current = null;
        foreach (var (rule, _, stage) in ordered)
        {
            if (current != stage && errors.Count > 0)
            {
                break;
            }

            current = stage;
            cancellationToken.ThrowIfCancellationRequested();
            var result = await rule.ValidateAsync(context, cancellationToken).ConfigureAwait(false);
            errors.AddRange(result.Errors);
        }

        return ValidationResult.From(errors);
    }

    /// <summary>Gets the stage of a validator: its own for rules, content for plain validators.</summary>
    /// <param name="validator">The validator.</param>
    /// <returns>The stage.</returns>
    public static ValidationStage StageOf(IResponseValidator validator) => validator is ResponseRule rule ? rule.Stage : ValidationStage.Content;
}
