namespace PromptGen.Validation;

/// <summary>The answer must start with a text, leading whitespace ignored (<see cref="StartsWithAttribute"/>).</summary>
/// <param name="text">The required prefix.</param>
/// <param name="ignoreCase">Whether case is ignored.</param>
public sealed class StartsWithRule(string text, bool ignoreCase = false) : TextRule(text, ignoreCase)
{
    /// <inheritdoc/>
    protected override string Problem => $"The answer must start with \"{Text}\"; begin the answer with exactly that.";

    /// <inheritdoc/>
    protected override bool Passes(ReadOnlySpan<char> answer, StringComparison comparison) => answer.TrimStart().StartsWith(Text, comparison);
}
