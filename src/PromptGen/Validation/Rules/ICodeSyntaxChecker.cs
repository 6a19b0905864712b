namespace PromptGen.Validation;

/// <summary>
/// Checks the syntax of code in one language, for <see cref="CodeSyntaxRule"/>. JSON is built in; C# comes from the
/// <c>PromptGen.Validation.CSharp</c> package (Roslyn's parser), registered in dependency injection.
/// </summary>
public interface ICodeSyntaxChecker
{
    /// <summary>Gets the language checked.</summary>
    CodeLanguage Language { get; }

    /// <summary>Parses <paramref name="code"/> and reports every syntax error, each with its line and column.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The errors; empty when the code parses.</returns>
    IReadOnlyList<string> Check(string code);
}
