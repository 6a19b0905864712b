namespace PromptGen.Validation;

/// <summary>The trimmed answer must equal one of the allowed values (<see cref="OneOfAttribute"/>).</summary>
public sealed class OneOfRule : ResponseRule
{
    /// <summary>Initializes the rule.</summary>
    /// <param name="values">The allowed answers; at least one.</param>
    /// <param name="ignoreCase">Whether case is ignored.</param>
    public OneOfRule(IEnumerable<string> values, bool ignoreCase = true)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = [.. values];
        if (Values.Count == 0)
        {
            throw new ArgumentException("A one-of rule needs at least one allowed value.", nameof(values));
        }

        IgnoreCase = ignoreCase;
    }

    /// <summary>Gets the allowed answers.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Gets a value indicating whether case is ignored.</summary>
    public bool IgnoreCase { get; }

    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Content;

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var answer = context.Text.Trim().TrimEnd('.');
        var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return Done(Values.Any(v => string.Equals(v.Trim(), answer, comparison))
            ? ValidationResult.Valid
            : Fail($"The answer must be exactly one of: {string.Join(", ", Values.Select(v => $"\"{v}\""))}; reply with only that word."));
    }
}
