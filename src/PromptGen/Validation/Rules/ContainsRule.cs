namespace PromptGen.Validation;

/// <summary>The answer must contain a text (<see cref="ContainsAttribute"/>, llm_call <c>string_check</c> <c>contains</c>).</summary>
/// <param name="text">The required text.</param>
/// <param name="ignoreCase">Whether case is ignored (ordinal comparison otherwise).</param>
public sealed class ContainsRule(string text, bool ignoreCase = true) : TextRule(text, ignoreCase)
{
    /// <inheritdoc/>
    protected override string Problem => $"The answer must contain \"{Text}\"{(IgnoreCase ? string.Empty : " (case-sensitive)")}.";

    /// <inheritdoc/>
    protected override bool Passes(ReadOnlySpan<char> answer, StringComparison comparison) => answer.Contains(Text, comparison);
}
