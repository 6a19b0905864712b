namespace PromptGen.Validation;

/// <summary>
/// A judge rule could not reach a verdict: the judge model failed, or answered with something that is not the strict
/// JSON verdict. This is an ERROR, not a failed answer: the answer is neither accepted nor re-asked.
/// </summary>
/// <param name="message">What went wrong, with which judge, and how to fix it.</param>
/// <param name="kind">The kind of failure (<see cref="PromptErrorKind.InvalidResponse"/> for an unreadable verdict).</param>
/// <param name="rawVerdict">The judge's answer, when it answered.</param>
/// <param name="innerException">The judge call's error, if any.</param>
public sealed class JudgeFailedException(string message, PromptErrorKind kind, string? rawVerdict, Exception? innerException = null)
    : PromptGenException(message, innerException)
{
    /// <inheritdoc/>
    public override PromptErrorKind Kind { get; } = kind;

    /// <summary>Gets the judge's answer as received, when it answered.</summary>
    public string? RawVerdict { get; } = rawVerdict;
}
