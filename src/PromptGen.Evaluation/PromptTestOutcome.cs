using System.Text;

namespace PromptGen.Evaluation;

/// <summary>How a case ended. <see cref="Error"/> is not <see cref="Fail"/>: a provider, judge or infrastructure failure says nothing about the prompt.</summary>
public enum PromptTestVerdict
{
    /// <summary>Every rule and expectation held.</summary>
    Pass,

    /// <summary>The answer broke a rule or an expectation.</summary>
    Fail,

    /// <summary>The case could not be judged (provider fault, timeout, judge failure).</summary>
    Error,

    /// <summary>The suite skips the case.</summary>
    Skipped,
}

/// <summary>The outcome of one <see cref="PromptTestCase"/>.</summary>
/// <param name="verdict">PASS, FAIL, ERROR or SKIPPED.</param>
/// <param name="reason">Why it did not pass (the error, the failure summary or the skip reason).</param>
/// <param name="failures">Each broken rule or expectation with what it said.</param>
/// <param name="prompt">The prompt sent (secrets redacted).</param>
/// <param name="response">The final answer.</param>
/// <param name="answeredBy">The model that answered.</param>
public sealed class PromptTestOutcome(PromptTestVerdict verdict, string? reason, IReadOnlyList<string> failures, string? prompt, string? response, string? answeredBy)
{
    /// <summary>Gets the verdict.</summary>
    public PromptTestVerdict Verdict { get; } = verdict;

    /// <summary>Gets why the case did not pass, or <see langword="null"/>.</summary>
    public string? Reason { get; } = reason;

    /// <summary>Gets each broken rule or expectation, as <c>rule: message</c>.</summary>
    public IReadOnlyList<string> Failures { get; } = failures;

    /// <summary>Gets the prompt sent.</summary>
    public string? Prompt { get; } = prompt;

    /// <summary>Gets the final answer.</summary>
    public string? Response { get; } = response;

    /// <summary>Gets the model that answered.</summary>
    public string? AnsweredBy { get; } = answeredBy;

    /// <summary>A report for a test log: the verdict, the reason, each failure, the prompt and the answer.</summary>
    /// <returns>The report.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(Verdict.ToString().ToUpperInvariant());
        if (Reason is not null)
        {
            text.Append(": ").Append(Reason);
        }

        foreach (var failure in Failures)
        {
            text.Append("\n  - ").Append(failure);
        }

        if (Prompt is not null)
        {
            text.Append("\nprompt: ").Append(Prompt);
        }

        if (Response is not null)
        {
            text.Append("\nanswer").Append(AnsweredBy is null ? string.Empty : $" ({AnsweredBy})").Append(": ").Append(Response);
        }

        return text.ToString();
    }
}
