namespace PromptGen.Evaluation;

/// <summary>What makes a run fail (<c>--fail-on</c>).</summary>
public enum FailOn
{
    /// <summary>Any FAIL (exit 1; the pass-rate threshold applies) or ERROR (exit 2). The default without a baseline.</summary>
    Failures,

    /// <summary>
    /// A case that regressed against the baseline (exit 1) or any ERROR (exit 2); cases that already failed in the
    /// baseline and still fail do not fail the run. The default with a baseline.
    /// </summary>
    Regressions,

    /// <summary>Only an ERROR (exit 2): failures and regressions are reported but do not fail the run.</summary>
    Errors,
}
