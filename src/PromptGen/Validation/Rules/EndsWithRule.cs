namespace PromptGen.Validation;

/// <summary>The answer must end with a text, trailing whitespace ignored (<see cref="EndsWithAttribute"/>).</summary>
/// <param name="text">The required suffix.</param>
/// <param name="ignoreCase">Whether case is ignored.</param>
public sealed class EndsWithRule(string text, bool ignoreCase = false) : TextRule(text, ignoreCase)
{
    /// <inheritdoc/>
    protected override string Problem => $"The answer must end with \"{Text}\"; finish the answer with exactly that.";

    /// <inheritdoc/>
    protected override bool Passes(ReadOnlySpan<char> answer, StringComparison comparison) => answer.TrimEnd().EndsWith(Text, comparison);
}
