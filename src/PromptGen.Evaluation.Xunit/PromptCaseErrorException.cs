namespace PromptGen.Evaluation.Xunit;

/// <summary>
/// ERROR: the case could not be judged (a provider fault, a timeout, a judge failure); it says nothing about the prompt.
/// Not an assertion failure: xUnit reports the test as failed by this exception, so CI and Test Explorer tell it from FAIL.
/// </summary>
public sealed class PromptCaseErrorException : Exception
{
    /// <summary>Initializes the error of <paramref name="testCase"/>.</summary>
    /// <param name="testCase">The case.</param>
    /// <param name="outcome">Its outcome.</param>
    public PromptCaseErrorException(PromptTestCase testCase, PromptTestOutcome outcome)
        : base($"{testCase?.Id} ({testCase?.File}:{testCase?.Line}) {outcome} — ERROR, not FAIL: the prompt was not judged.")
    {
        ArgumentNullException.ThrowIfNull(testCase);
        Outcome = outcome;
    }

    /// <summary>Gets the outcome.</summary>
    public PromptTestOutcome Outcome { get; }
}
