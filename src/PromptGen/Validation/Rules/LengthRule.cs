using System.Globalization;

namespace PromptGen.Validation;

/// <summary>
/// The answer's length must lie within bounds (<see cref="LengthBetweenAttribute"/>, llm_call <c>min_length</c>/<c>max_length</c>),
/// in user-perceived characters, whitespace-separated words or non-empty lines, after trimming.
/// </summary>
public sealed class LengthRule : ResponseRule
{
    /// <summary>Initializes the rule.</summary>
    /// <param name="min">The minimum (inclusive; 0 for none).</param>
    /// <param name="max">The maximum (inclusive; <see cref="int.MaxValue"/> for none).</param>
    /// <param name="unit">The unit.</param>
    /// <exception cref="ArgumentOutOfRangeException">The bounds are negative or contradictory.</exception>
    public LengthRule(int min, int max, LengthUnit unit = LengthUnit.Characters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        Min = min;
        Max = max;
        Unit = unit;
    }

    /// <summary>Gets the minimum.</summary>
    public int Min { get; }

    /// <summary>Gets the maximum.</summary>
    public int Max { get; }

    /// <summary>Gets the unit.</summary>
    public LengthUnit Unit { get; }

    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Content;

    /// <summary>Measures a text in a unit.</summary>
    /// <param name="text">The text.</param>
    /// <param name="unit">The unit.</param>
    /// <returns>The length.</returns>
    public static int Measure(string text, LengthUnit unit)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return unit switch
        {
            LengthUnit.Words => trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length,
            LengthUnit.Lines => trimmed.Split('\n').Count(line => !string.IsNullOrWhiteSpace(line)),
            _ => new StringInfo(trimmed).LengthInTextElements,
        };
    }

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var length = Measure(context.Text, Unit);
        var unit = Unit.ToString().ToLowerInvariant();
        if (length < Min)
        {
            return Done(Fail($"The answer is {length} {unit} long; it must be at least {Min} {unit}. Write more."));
        }

        return Done(length > Max ? Fail($"The answer is {length} {unit} long; it must be at most {Max} {unit}. Shorten it.") : ValidationResult.Valid);
    }
}
