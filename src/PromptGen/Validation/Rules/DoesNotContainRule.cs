namespace PromptGen.Validation;

/// <summary>The answer must not contain a text (<see cref="DoesNotContainAttribute"/>, llm_call <c>string_check</c> <c>not_contains</c>).</summary>
/// <param name="text">The forbidden text.</param>
/// <param name="ignoreCase">Whether case is ignored (ordinal comparison otherwise).</param>
public sealed class DoesNotContainRule(string text, bool ignoreCase = true) : TextRule(text, ignoreCase)
{
    /// <inheritdoc/>
    protected override string Problem => $"The answer must not contain \"{Text}\"; rephrase without it.";

    /// <inheritdoc/>
    protected override bool Passes(ReadOnlySpan<char> answer, StringComparison comparison) => !answer.Contains(Text, comparison);
}
