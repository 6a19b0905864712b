using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptGen.Benchmarks;

/// <summary>How busy the days are (an enum, written as its name).</summary>
public enum TripPace
{
    /// <summary>Few places a day.</summary>
    Relaxed,

    /// <summary>A normal day.</summary>
    Balanced,

    /// <summary>As much as fits.</summary>
    Packed,
}

/// <summary>A hotel (the nested object).</summary>
public sealed record Lodging(string Name, string Area, int Stars);

/// <summary>One day of the plan (list items with a list and a nullable number).</summary>
public sealed record ItineraryDay(int Day, string Title, List<string> Places, decimal? BudgetEur);

/// <summary>
/// The typed result of <see cref="SchemaBenchmarks"/> and <see cref="ReaskBenchmarks"/>: a nested object, a list of
/// objects, a list of strings, an enum and nullable members, as a model would be asked to return.
/// </summary>
public sealed record Itinerary(string City, int Days, TripPace Pace, Lodging? Hotel, List<ItineraryDay> Plan, string? Notes);

/// <summary>System.Text.Json source generation for <see cref="Itinerary"/> (web defaults, enums as names, required constructor parameters and nullability enforced).</summary>
[JsonSerializable(typeof(Itinerary))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
internal sealed partial class ItineraryJson : JsonSerializerContext;

/// <summary>A real prompt client with a typed result: the generator emits its JSON schema as a UTF-8 literal at build time.</summary>
[PromptClient(Model = "openai/gpt-4o-mini")]
[SystemPrompt(Instructions)]
public partial interface IItineraryPlanner
{
    /// <summary>The system prompt every row of <see cref="ReaskBenchmarks"/> sends.</summary>
    const string Instructions = "You are a travel planner. Answer with JSON only.";

    /// <summary>The user prompt every row of <see cref="ReaskBenchmarks"/> sends, with {days} and {city} filled in.</summary>
    const string Template = "Plan {days} days in {city}.";

    [Prompt(Template)]
    [RequiredField("plan[0].places")]
    [Reask(MaxReasks = 3)]
    Task<PromptResult<Itinerary>> PlanAsync(string city, int days, CancellationToken cancellationToken = default);
}

/// <summary>This project's part of the generated class: exposes the generated descriptor (schema literal included) unchanged.</summary>
public sealed partial class ItineraryPlanner
{
    /// <summary>Gets the generated <c>PlanAsyncDescriptor</c>.</summary>
    internal static PromptGen.Generated.PromptDescriptor PlanDescriptor => PlanAsyncDescriptor;
}
