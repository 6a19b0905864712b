namespace PromptGen;

/// <summary>One answer that failed validation: what the model said, every error found, and what it cost.</summary>
/// <param name="ModelId">The model that answered.</param>
/// <param name="RawText">The answer as received.</param>
/// <param name="Errors">Every validation error, as sent back to the model in the re-ask.</param>
public sealed record ValidationAttempt(string ModelId, string RawText, IReadOnlyList<string> Errors)
{
    /// <summary>Gets the input tokens the provider reported for the answer, if any.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Gets the output tokens the provider reported for the answer, if any.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Gets what was changed to read the answer as JSON before it failed (extraction, syntax repairs, coercions).</summary>
    public IReadOnlyList<PromptGen.Validation.JsonRepair> Repairs { get; init; } = [];
}
