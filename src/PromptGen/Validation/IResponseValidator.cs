namespace PromptGen.Validation;

/// <summary>
/// The validator contract: checks one answer and reports every failure it finds, each phrased so a model can act on it.
/// Implement it for custom validators (<see cref="ValidateWithAttribute"/>) and register the type in dependency injection.
/// </summary>
public interface IResponseValidator
{
    /// <summary>Checks the answer in <paramref name="context"/>.</summary>
    /// <param name="context">The answer (raw text, extracted JSON) and the services of the call.</param>
    /// <param name="cancellationToken">The call's cancellation token.</param>
    /// <returns>Every failure found; <see cref="ValidationResult.Valid"/> when there is none.</returns>
    /// <exception cref="PromptGenException">The validator could not decide (an ERROR, not a failure), for example a judge that did not answer.</exception>
    ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken);
}
