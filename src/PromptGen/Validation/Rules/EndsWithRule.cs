namespace PromptGen.Validation;

/// <summary>The answer must end with a text, trailing whitespace ignored (<see cref="EndsWithAttribute"/>).</summary>
/// <param name="text">The required suffix.</param>
/// <param name="ignoreCase">Whether case is ignored.</param>
public sealed class EndsWithRule(string text, bool ignoreCase = false) : ResponseRule
{
    /// <summary>Gets the required suffix.</summary>
    public string Text { get; } = string.IsNullOrEmpty(text) ? throw new ArgumentException("The suffix must not be empty.", nameof(text)) : text;

    /// <summary>Gets a value indicating whether case is ignored.</summary>
    public bool IgnoreCase { get; } = ignoreCase;

    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Content;

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ok = context.Text.AsSpan().TrimEnd().EndsWith(Text, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        return Done(ok ? ValidationResult.Valid : Fail($"The answer must end with \"{Text}\"; finish the answer with exactly that."));
    }
}
