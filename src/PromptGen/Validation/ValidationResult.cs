namespace PromptGen.Validation;

/// <summary>The outcome of a validator: valid, or every failure found.</summary>
public sealed class ValidationResult
{
    private ValidationResult(IReadOnlyList<string> errors) => Errors = errors;

    /// <summary>Gets the valid result.</summary>
    public static ValidationResult Valid { get; } = new([]);

    /// <summary>Gets every failure, each phrased so a model can act on it; empty when valid.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Gets a value indicating whether the answer passed.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Creates a failed result.</summary>
    /// <param name="errors">The failures; at least one.</param>
    /// <returns>The result.</returns>
    public static ValidationResult Fail(params IEnumerable<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        List<string> list = [.. errors];
        return list.Count == 0 ? throw new ArgumentException("A failed result needs at least one error.", nameof(errors)) : new ValidationResult(list);
    }

    /// <summary>Creates a result from a list that may be empty.</summary>
    /// <param name="errors">The failures found.</param>
    /// <returns><see cref="Valid"/> when the list is empty.</returns>
    public static ValidationResult From(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0 ? Valid : new ValidationResult([.. errors]);
    }

    /// <inheritdoc/>
    public override string ToString() => IsValid ? "valid" : string.Join("; ", Errors);
}
