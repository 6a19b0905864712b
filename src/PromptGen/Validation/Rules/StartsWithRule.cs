namespace PromptGen.Validation;

/// <summary>The answer must start with a text, leading whitespace ignored (<see cref="StartsWithAttribute"/>).</summary>
/// <param name="text">The required prefix.</param>
/// <param name="ignoreCase">Whether case is ignored.</param>
public sealed class StartsWithRule(string text, bool ignoreCase = false) : ResponseRule
{
    /// <summary>Gets the required prefix.</summary>
    public string Text { get; } = string.IsNullOrEmpty(text) ? throw new ArgumentException("The prefix must not be empty.", nameof(text)) : text;

    /// <summary>Gets a value indicating whether case is ignored.</summary>
    public bool IgnoreCase { get; } = ignoreCase;

    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Content;

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ok = context.Text.AsSpan().TrimStart().StartsWith(Text, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        return Done(ok ? ValidationResult.Valid : Fail($"The answer must start with \"{Text}\"; begin the answer with exactly that."));
    }
}
