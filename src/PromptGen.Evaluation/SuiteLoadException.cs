namespace PromptGen.Evaluation;

/// <summary>
/// A suite file cannot be loaded: it is missing, not valid JSON/YAML, or a case in it is wrong. The message starts with
/// <c>file(line,column): error:</c> the way compilers write it, so editors and CI annotate the line.
/// </summary>
public sealed class SuiteLoadException : EvaluationException
{
    /// <summary>Initializes a new instance of the <see cref="SuiteLoadException"/> class for an error at a position in a suite.</summary>
    /// <param name="file">The suite file as the user named it.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    public SuiteLoadException(string file, int line, int column, string message)
        : base($"{file}({line},{column}): error: {message}")
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>Initializes a new instance of the <see cref="SuiteLoadException"/> class for a file that cannot be read at all.</summary>
    /// <param name="file">The suite file as the user named it.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    public SuiteLoadException(string file, string message)
        : base(message)
    {
        File = file;
    }

    /// <summary>Initializes a new instance of the <see cref="SuiteLoadException"/> class.</summary>
    public SuiteLoadException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SuiteLoadException"/> class.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public SuiteLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SuiteLoadException"/> class.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The error that caused it.</param>
    public SuiteLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the suite file as the user named it, when known.</summary>
    public string? File { get; }

    /// <summary>Gets the 1-based line of the error, or <see langword="null"/> when the file could not be read at all.</summary>
    public int? Line { get; }

    /// <summary>Gets the 1-based column of the error, or <see langword="null"/> when the file could not be read at all.</summary>
    public int? Column { get; }
}
