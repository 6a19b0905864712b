namespace PromptGen.Validation;

/// <summary>The answer must not contain a text (<see cref="DoesNotContainAttribute"/>, llm_call <c>string_check</c> <c>not_contains</c>).</summary>
/// <param name="text">The forbidden text.</param>
/// <param name="ignoreCase">Whether case is ignored (ordinal comparison otherwise).</param>
public sealed class DoesNotContainRule(string text, bool ignoreCase = true) : TextRule(text, ignoreCase)
{
    /// <inheritdoc/>
    protected override string Problem => $"The answer must not contain \"{Text}\"; rephrase without it.";

    /// <summary>Decided as soon as the text so far contains the forbidden text (the answer only grows).</summary>
    internal override string? PartialError(PartialAnswer answer) =>
        answer.Text[Math.Max(0, answer.CheckedLength - Text.Length + 1)..].Contains(Text, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) ? Error(Problem) : null;

    /// <inheritdoc/>
    protected override bool Passes(ReadOnlySpan<char> answer, StringComparison comparison) => !answer.Contains(Text, comparison);
}
