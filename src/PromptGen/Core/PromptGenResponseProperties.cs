namespace PromptGen;

/// <summary>Keys of <see cref="Microsoft.Extensions.AI.ChatResponse.AdditionalProperties"/> that PromptGen reads from providers.</summary>
public static class PromptGenResponseProperties
{
    /// <summary>The cost of the response in US dollars, as a <see cref="decimal"/> (reported by Claude Code as <c>total_cost_usd</c>).</summary>
    public const string CostUsd = "total_cost_usd";
}
