using System.Text.RegularExpressions;

namespace PromptGen.Validation;

/// <summary>
/// The answer must match a regular expression (<see cref="MatchesPatternAttribute"/>, llm_call <c>string_check</c> <c>regex</c>).
/// Takes a <see cref="Regex"/> so generated code can pass a <c>[GeneratedRegex]</c>; give runtime patterns a match timeout.
/// </summary>
/// <param name="regex">The expression.</param>
public sealed class PatternRule(Regex regex) : ResponseRule
{
    /// <summary>The match timeout of patterns built by <see cref="Create"/>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Gets the expression.</summary>
    public Regex Regex { get; } = regex ?? throw new ArgumentNullException(nameof(regex));

    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Content;

    /// <summary>Creates a rule from a pattern known only at run time (llm_call suites), with <see cref="DefaultTimeout"/>.</summary>
    /// <param name="pattern">The .NET regular expression.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException">The pattern does not compile.</exception>
    public static PatternRule Create(string pattern) => new(new Regex(pattern, RegexOptions.CultureInvariant, DefaultTimeout));

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return Done(Regex.IsMatch(context.Text.Trim()) ? ValidationResult.Valid : Fail($"The answer must match the pattern {Regex}; reply in exactly that format."));
        }
        catch (RegexMatchTimeoutException)
        {
            return Done(Fail($"The answer could not be matched against the pattern {Regex} in time; reply with a shorter answer in that format."));
        }
    }
}
