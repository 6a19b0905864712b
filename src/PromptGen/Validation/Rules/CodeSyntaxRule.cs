using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Validation;

/// <summary>
/// The answer (or the first code fence in it) must be syntactically valid code (<see cref="ValidCodeAttribute"/>).
/// JSON is checked with System.Text.Json; other languages by an <see cref="ICodeSyntaxChecker"/> given here or
/// registered in dependency injection (C#: <c>PromptGen.Validation.CSharp</c>).
/// </summary>
/// <param name="language">The language.</param>
/// <param name="checker">The checker; <see langword="null"/> to use JSON's built-in one or the one registered for <paramref name="language"/>.</param>
public sealed class CodeSyntaxRule(CodeLanguage language, ICodeSyntaxChecker? checker = null) : ResponseRule
{
    /// <summary>Gets the language.</summary>
    public CodeLanguage Language { get; } = language;

    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Structural;

    /// <summary>Returns the body of the first Markdown code fence of <paramref name="text"/>, or the whole text.</summary>
    /// <param name="text">The answer.</param>
    /// <returns>The code.</returns>
    public static string ExtractCode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var open = text.IndexOf("```", StringComparison.Ordinal);
        if (open < 0)
        {
            return text;
        }

        var newline = text.IndexOf('\n', open);
        if (newline < 0)
        {
            return text;
        }

        var close = text.IndexOf("```", newline, StringComparison.Ordinal);
        return close < 0 ? text[(newline + 1)..] : text[(newline + 1)..close];
    }

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var code = ExtractCode(context.Text);
        if (string.IsNullOrWhiteSpace(code))
        {
            return Done(Fail($"The answer contains no {Language} code; reply with the code."));
        }

        var errors = Language == CodeLanguage.Json && checker is null ? CheckJson(code) : Resolve(context).Check(code);
        return Done(errors.Count == 0 ? ValidationResult.Valid : ValidationResult.Fail(Message is null ? errors.Select(e => $"{Language} syntax error: {e}") : [Message]));
    }

    private static IReadOnlyList<string> CheckJson(string code)
    {
        try
        {
            using var document = JsonDocument.Parse(code);
            return [];
        }
        catch (JsonException exception)
        {
            return [$"line {(exception.LineNumber ?? 0) + 1}, position {(exception.BytePositionInLine ?? 0) + 1}: {exception.Message.Split(" Path:", 2)[0]}"];
        }
        catch (ArgumentException)
        {
            return ["the code contains an invalid Unicode character (an unpaired surrogate)."];
        }
    }

    private ICodeSyntaxChecker Resolve(ValidationContext context) =>
        checker
        ?? context.Services?.GetServices<ICodeSyntaxChecker>().LastOrDefault(c => c.Language == Language)
        ?? throw new PromptConfigurationException(
            $"No syntax checker for {Language} is registered, so the {Language} code rule cannot run. Add the PromptGen.Validation.CSharp package and call .AddCSharpSyntaxValidation() on services.AddPromptGen(...), or pass a checker to the rule.");
}
