namespace PromptGen.Generators.Models;

/// <summary>The values of a <c>[Model]</c> attribute.</summary>
/// <param name="Id">The primary model id or alias.</param>
/// <param name="Fallbacks">The fallback model ids, in order.</param>
/// <param name="Temperature">The temperature, or <see langword="null"/> when unset (NaN).</param>
/// <param name="MaxOutputTokens">The output token limit, or <see langword="null"/> when unset (0).</param>
/// <param name="Location">The attribute.</param>
internal sealed record ModelSettings(string Id, EquatableArray<string> Fallbacks, double? Temperature, int? MaxOutputTokens, LocationInfo? Location);
