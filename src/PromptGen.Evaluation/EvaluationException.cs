namespace PromptGen.Evaluation;

/// <summary>
/// An input of a test run is wrong: a suite, an earlier results file (<c>--rerun-failed</c>), a price, a selection that
/// matches nothing. The message says what, where and how to fix it; nothing was sent. The <c>promptgen</c> tool exits 2.
/// </summary>
public class EvaluationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="EvaluationException"/> class.</summary>
    public EvaluationException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EvaluationException"/> class.</summary>
    /// <param name="message">What is wrong, where, and how to fix it.</param>
    public EvaluationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EvaluationException"/> class.</summary>
    /// <param name="message">What is wrong, where, and how to fix it.</param>
    /// <param name="innerException">The error that caused it.</param>
    public EvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
