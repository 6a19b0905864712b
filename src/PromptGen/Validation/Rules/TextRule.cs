namespace PromptGen.Validation;

/// <summary>Base of the rules that compare the answer with one text (contains, does not contain, starts with, ends with).</summary>
public abstract class TextRule : ResponseRule
{
    /// <summary>Initializes the rule.</summary>
    /// <param name="text">The text to compare with; not empty.</param>
    /// <param name="ignoreCase">Whether case is ignored (ordinal comparison either way).</param>
    protected TextRule(string text, bool ignoreCase)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        Text = text;
        IgnoreCase = ignoreCase;
    }

    /// <summary>Gets the text.</summary>
    public string Text { get; }

    /// <summary>Gets a value indicating whether case is ignored.</summary>
    public bool IgnoreCase { get; }

    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Content;

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return Done(Passes(context.Text.AsSpan(), comparison) ? ValidationResult.Valid : Fail(Problem));
    }

    /// <summary>Gets the error sent to the model when the answer fails.</summary>
    protected abstract string Problem { get; }

    /// <summary>Compares the answer with <see cref="Text"/>.</summary>
    /// <param name="answer">The answer.</param>
    /// <param name="comparison">The comparison to use.</param>
    /// <returns><see langword="true"/> when the answer passes.</returns>
    protected abstract bool Passes(ReadOnlySpan<char> answer, StringComparison comparison);
}
