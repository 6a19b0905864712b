namespace PromptGen.Validation.Lenient;

/// <summary>A value found in an answer: where, how (fenced, at a line start) and the repairs its reading needed.</summary>
internal sealed record Candidate(LenientNode Node, List<RepairAt> Repairs, int Start, int End, bool Fenced, bool LineStart)
{
    /// <summary>Gets a value indicating whether this is several JSON Lines read as one array.</summary>
    public bool Lines { get; init; }
}
