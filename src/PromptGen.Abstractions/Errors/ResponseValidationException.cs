namespace PromptGen;

/// <summary>
/// The model answered, but the answer is not what the prompt method promised (for example not JSON, or JSON that does
/// not fit the return type) and no re-ask fixed it. <see cref="Attempts"/> holds every failed answer. <see cref="RawText"/> keeps the answer; nothing is lost.
/// </summary>
/// <param name="message">What is wrong with the answer, where, and how to fix it.</param>
/// <param name="rawText">The model's answer as received.</param>
/// <param name="errors">Every problem found, each phrased so a model could act on it.</param>
/// <param name="innerException">The underlying error, if any.</param>
public sealed class ResponseValidationException(string message, string rawText, IReadOnlyList<string> errors, Exception? innerException = null)
    : PromptGenException(message, innerException)
{
    /// <inheritdoc/>
    public override PromptErrorKind Kind => PromptErrorKind.ValidationFailed;

    /// <summary>Gets the model's answer as received.</summary>
    public string RawText { get; } = rawText;

    /// <summary>Gets every problem found in the answer.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;

    /// <summary>Gets every answer that failed validation, in order (the first ask, then each re-ask), with its errors and tokens.</summary>
    public IReadOnlyList<ValidationAttempt> Attempts { get; init; } = [];
}
