namespace PromptGen.Benchmarks;

/// <summary>
/// A real prompt client: PromptGen's generator (referenced as an analyzer) emits <see cref="TripPlanner"/> for it at
/// build time, including the private static <c>RenderPlanAsyncPrompt</c> that <see cref="TemplateRenderingBenchmarks"/>
/// measures.
/// </summary>
[PromptClient(Model = "openai/gpt-4o-mini")]
public partial interface ITripPlanner
{
    /// <summary>The template every row of <see cref="TemplateRenderingBenchmarks"/> renders.</summary>
    const string Template = "Plan a trip to {city} for {days:D2} days on a budget of {budget:F2} EUR.\nMust-see places:\n{places}\nAnswer with a day-by-day list.";

    [Prompt(Template)]
    Task<string> PlanAsync(string city, int days, decimal budget, IReadOnlyList<string> places, CancellationToken cancellationToken = default);
}

/// <summary>
/// This project's part of the generated class. The generated implementation is a <see langword="partial"/> class, so a
/// part declared here can reach its private members: <see cref="RenderPlan"/> exposes the generated render method
/// unchanged, without altering the generator or calling through the executor.
/// </summary>
public sealed partial class TripPlanner
{
    /// <summary>Calls the generated <c>RenderPlanAsyncPrompt</c>.</summary>
    public static string RenderPlan(string city, int days, decimal budget, IReadOnlyList<string> places) =>
        RenderPlanAsyncPrompt(city, days, budget, places);
}
