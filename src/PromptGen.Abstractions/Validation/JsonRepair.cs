namespace PromptGen.Validation;

/// <summary>One change made to read an answer: what was wrong, where, and what was done.</summary>
/// <param name="Kind">Extraction, syntax repair or coercion.</param>
/// <param name="Path">The JSON path of the value changed (for example <c>$.items[2].priority</c>), or <c>$</c>.</param>
/// <param name="Line">The 1-based line of the answer text where the change applies (0 when it has no position).</param>
/// <param name="Column">The 1-based column of the answer text where the change applies (0 when it has no position).</param>
/// <param name="Description">What was found and what was done, for example <c>trailing comma removed</c>.</param>
public sealed record JsonRepair(JsonRepairKind Kind, string Path, int Line, int Column, string Description)
{
    /// <inheritdoc/>
    public override string ToString() =>
        Line > 0 ? $"{Kind.ToString().ToLowerInvariant()} at {Path} (line {Line}, column {Column}): {Description}" : $"{Kind.ToString().ToLowerInvariant()} at {Path}: {Description}";
}
