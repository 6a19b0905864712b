using Xunit.Sdk;

namespace PromptGen.Evaluation.Xunit;

/// <summary>FAIL: the answer broke a rule or an expectation (an assertion failure in xUnit).</summary>
public sealed class PromptCaseFailedException : XunitException
{
    /// <summary>Initializes the failure of <paramref name="testCase"/>.</summary>
    /// <param name="testCase">The case.</param>
    /// <param name="outcome">Its outcome.</param>
    public PromptCaseFailedException(PromptTestCase testCase, PromptTestOutcome outcome)
        : base($"{testCase?.Id} ({testCase?.File}:{testCase?.Line}) {outcome}")
    {
        ArgumentNullException.ThrowIfNull(testCase);
        Outcome = outcome;
    }

    /// <summary>Gets the outcome.</summary>
    public PromptTestOutcome Outcome { get; }
}
