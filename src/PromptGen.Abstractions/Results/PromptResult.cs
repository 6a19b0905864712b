using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>The value of a prompt call together with how it was obtained: the model that answered, token usage and the attempt log.</summary>
/// <typeparam name="T">The type of the value.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="ModelId">The canonical id of the model whose answer was accepted.</param>
/// <param name="Trace">The attempt log.</param>
public sealed record PromptResult<T>(T Value, string ModelId, PromptTrace Trace)
{
    /// <summary>Gets the raw text of the accepted answer.</summary>
    public string? RawText { get; init; }

    /// <summary>Gets the token usage of the accepted answer, as reported by the provider.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>
    /// Gets what was changed to read the accepted answer into <see cref="Value"/> (extraction, syntax repairs,
    /// coercions), each with its JSON path, line and column; empty when the answer was valid JSON fitting the schema.
    /// </summary>
    public IReadOnlyList<PromptGen.Validation.JsonRepair> Repairs { get; init; } = [];
}
