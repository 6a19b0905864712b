using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PromptGen.Validation;

/// <summary>
/// Checks C# syntax with Roslyn's parser (no compilation, no semantic checks). Code is parsed as a script so that
/// top-level statements, members and whole files are all accepted.
/// </summary>
public sealed class CSharpSyntaxChecker : ICodeSyntaxChecker
{
    private const int MaxErrors = 10;
    private static readonly CSharpParseOptions s_options = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <inheritdoc/>
    public CodeLanguage Language => CodeLanguage.CSharp;

    /// <inheritdoc/>
    public IReadOnlyList<string> Check(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var tree = CSharpSyntaxTree.ParseText(code, s_options);
        return [.. tree.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Take(MaxErrors)
            .Select(d =>
            {
                var position = d.Location.GetLineSpan().StartLinePosition;
                return $"line {position.Line + 1}, column {position.Character + 1}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} ({d.Id})";
            })];
    }
}
