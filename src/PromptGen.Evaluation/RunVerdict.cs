namespace PromptGen.Evaluation;

/// <summary>How a test run ended; the <c>promptgen</c> tool maps it to its exit code (0, 1, 2, 130).</summary>
public enum RunVerdict
{
    /// <summary>Every case passed, or the pass rate met the threshold. Exit 0.</summary>
    Passed,

    /// <summary>Some case failed (and the pass rate is under the threshold, if one was given); no case errored. Exit 1.</summary>
    Failed,

    /// <summary>Some case errored: a provider, a judge or the runner failed, which says nothing about the prompt. Exit 2.</summary>
    Errors,

    /// <summary>Every selected case was skipped: nothing was tested, so the run does not pass. Exit 2.</summary>
    NothingTested,

    /// <summary>The run was cancelled (Ctrl+C); the finished cases' results were written. Exit 130.</summary>
    Interrupted,
}
