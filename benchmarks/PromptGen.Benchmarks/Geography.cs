namespace PromptGen.Benchmarks;

/// <summary>
/// The prompts every peer row sends, so the rows differ only in the stack: PromptGen's attributes below take these
/// constants, and the hand-written rows render the same text from the same argument.
/// </summary>
internal static class GeographyPrompts
{
    public const string CapitalSystem = "Answer with the city only.";
    public const string CapitalTemplate = "What is the capital of {country}?";
    public const string CapitalReply = "Paris";

    public static string CapitalUser(string country) => $"What is the capital of {country}?";
}

/// <summary>
/// A real prompt client for the peer benchmarks: PromptGen's generator (referenced as an analyzer) emits the
/// <c>Geography</c> class, its descriptors, render methods and <c>AddPromptClient&lt;IGeography&gt;()</c> at build time.
/// </summary>
[PromptClient(Model = "openai/gpt-4o-mini")]
public partial interface IGeography
{
    /// <summary>A text answer (<see cref="PerCallOverheadBenchmarks"/>).</summary>
    [SystemPrompt(GeographyPrompts.CapitalSystem)]
    [Prompt(GeographyPrompts.CapitalTemplate)]
    Task<string> CapitalAsync(string country, CancellationToken cancellationToken = default);
}
