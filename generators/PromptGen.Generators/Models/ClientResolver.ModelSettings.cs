using System.Collections.Generic;
using System.Globalization;
using PromptGen.Generators.Diagnostics;

namespace PromptGen.Generators.Models;

/// <summary>PG0205: <c>[Model]</c> settings every provider rejects (a temperature outside 0–2, a negative token limit).</summary>
internal static partial class ClientResolver
{
    private static void CheckModelSettings(ModelSettings? model, string owner, List<DiagnosticInfo> diagnostics)
    {
        if (model is null)
        {
            return;
        }

        if (model.Temperature is { } temperature && (temperature < 0 || temperature > 2 || double.IsInfinity(temperature)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidModelSettings, model.Location, owner,
                $"Temperature is {temperature.ToString(CultureInfo.InvariantCulture)}; providers accept 0 to 2 (Anthropic 0 to 1), for example Temperature = 0.2"));
        }

        if (model.MaxOutputTokens is < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidModelSettings, model.Location, owner,
                $"MaxOutputTokens is {model.MaxOutputTokens.Value.ToString(CultureInfo.InvariantCulture)}; give a positive token limit, or leave it unset for the provider's default"));
        }
    }
}
