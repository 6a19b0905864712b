using PromptGen.Evaluation;

namespace PromptGen.Cli;

/// <summary>
/// Every exit code of the <c>promptgen</c> tool, in one place. 0 success; 1 a negative answer (<c>test</c>: some case
/// failed; <c>parse</c>: no value fits) or an unexpected error; 2 usage, configuration, suite or provider error (and
/// <c>test</c>: some case errored, or nothing was tested); 130 cancelled.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary><c>test</c>: some case failed (or the pass rate is under <c>--threshold</c>).</summary>
    public const int Failures = 1;

    /// <summary><c>parse</c>: no value fits the schema.</summary>
    public const int NoValue = 1;

    public const int UnexpectedError = 1;

    public const int UsageError = 2;

    public const int Cancelled = 130;

    /// <summary>The exit code of a <c>test</c> run. ERROR is never counted as FAIL.</summary>
    public static int Of(RunVerdict verdict) => verdict switch
    {
        RunVerdict.Passed => Success,
        RunVerdict.Failed => Failures,
        RunVerdict.Interrupted => Cancelled,
        RunVerdict.Errors or RunVerdict.NothingTested => UsageError,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown run verdict."),
    };
}
