using System.Collections.Generic;
using System.Globalization;
using PromptGen.Generators.Diagnostics;
using PromptGen.Generators.Parsing;

namespace PromptGen.Generators.Models;

/// <summary>Build-time checks of the resilience attributes (PG05xx): every problem is reported, with the fix.</summary>
internal static partial class ClientResolver
{
    private static void CheckResilience(ResilienceSettings settings, string owner, List<DiagnosticInfo> diagnostics)
    {
        if (settings.Retry is { } retry)
        {
            Check(diagnostics, DiagnosticDescriptors.InvalidRetry, retry.Location, owner, retry.MaxRetries < 0 || retry.MaxRetries > 20,
                $"MaxRetries is {retry.MaxRetries}; use 0 (no retries) to 20");
            Check(diagnostics, DiagnosticDescriptors.InvalidRetry, retry.Location, owner, retry.BaseDelaySeconds < 0 || double.IsNaN(retry.BaseDelaySeconds),
                $"BaseDelaySeconds is {Number(retry.BaseDelaySeconds)}; use 0 or more");
            Check(diagnostics, DiagnosticDescriptors.InvalidRetry, retry.Location, owner, retry.MaxDelaySeconds < retry.BaseDelaySeconds,
                $"MaxDelaySeconds ({Number(retry.MaxDelaySeconds)}) is below BaseDelaySeconds ({Number(retry.BaseDelaySeconds)}); the cap must be at least the first delay");
        }

        if (settings.Timeout is { } timeout)
        {
            Check(diagnostics, DiagnosticDescriptors.InvalidTimeout, timeout.Location, owner, timeout.AttemptSeconds < 0 || timeout.TotalSeconds < 0 || timeout.FirstTokenSeconds < 0 || timeout.IdleSeconds < 0,
                "a timeout is negative; use seconds above 0");
            Check(diagnostics, DiagnosticDescriptors.InvalidTimeout, timeout.Location, owner, timeout.AttemptSeconds == 0 && timeout.TotalSeconds == 0 && timeout.FirstTokenSeconds == 0 && timeout.IdleSeconds == 0,
                "it sets none of AttemptSeconds, TotalSeconds, FirstTokenSeconds and IdleSeconds; set one or remove the attribute");
            Check(diagnostics, DiagnosticDescriptors.InvalidTimeout, timeout.Location, owner, timeout.AttemptSeconds > 0 && timeout.TotalSeconds > 0 && timeout.AttemptSeconds > timeout.TotalSeconds,
                $"AttemptSeconds ({Number(timeout.AttemptSeconds)}) exceeds TotalSeconds ({Number(timeout.TotalSeconds)}), so no attempt could use its full time; lower AttemptSeconds or raise TotalSeconds");
        }

        if (settings.Cache is { } cache)
        {
            Check(diagnostics, DiagnosticDescriptors.InvalidCache, cache.Location, owner, cache.Minutes < 0 || cache.Seconds < 0 || double.IsNaN(cache.TotalSeconds),
                "a duration is negative; use minutes or seconds above 0");
            Check(diagnostics, DiagnosticDescriptors.InvalidCache, cache.Location, owner, cache.Minutes >= 0 && cache.Seconds >= 0 && cache.TotalSeconds == 0,
                "it sets no duration; set Minutes or Seconds (for example [Cache(Minutes = 10)]) or remove the attribute");
        }

        if (settings.Breaker is { } breaker)
        {
            Check(diagnostics, DiagnosticDescriptors.InvalidCircuitBreaker, breaker.Location, owner, breaker.FailureRatio <= 0 || breaker.FailureRatio > 1 || double.IsNaN(breaker.FailureRatio),
                $"FailureRatio is {Number(breaker.FailureRatio)}; use a value above 0 and at most 1");
            Check(diagnostics, DiagnosticDescriptors.InvalidCircuitBreaker, breaker.Location, owner, breaker.MinimumThroughput < 2,
                $"MinimumThroughput is {breaker.MinimumThroughput}; use 2 or more");
            Check(diagnostics, DiagnosticDescriptors.InvalidCircuitBreaker, breaker.Location, owner, breaker.SamplingSeconds < 0.5 || breaker.BreakSeconds < 0.5,
                "SamplingDurationSeconds and BreakDurationSeconds must be 0.5 or more");
        }

        if (settings.Escalation is { } escalation)
        {
            Check(diagnostics, DiagnosticDescriptors.InvalidEscalation, escalation.Location, owner, escalation.SwitchModelAfter < 0 || escalation.AskHumanAfter < 0,
                "a threshold is negative; use 0 (off) or a number of failed attempts");
            Check(diagnostics, DiagnosticDescriptors.InvalidEscalation, escalation.Location, owner, escalation.SwitchModelAfter > 0 && escalation.StrongerModel is null,
                $"SwitchModelAfter is {escalation.SwitchModelAfter} but no StrongerModel is named; set StrongerModel = \"provider/model\"");
            Check(diagnostics, DiagnosticDescriptors.InvalidEscalation, escalation.Location, owner, escalation.StrongerModel is not null && escalation.SwitchModelAfter == 0,
                $"StrongerModel '{escalation.StrongerModel}' is never used because SwitchModelAfter is 0; set how many failed attempts trigger the switch");
            Check(diagnostics, DiagnosticDescriptors.InvalidEscalation, escalation.Location, owner, escalation.AskHumanAfter > 0 && escalation.AskHumanAfter < escalation.SwitchModelAfter,
                $"AskHumanAfter ({escalation.AskHumanAfter}) comes before SwitchModelAfter ({escalation.SwitchModelAfter}), so the stronger model would never be tried; ask the human later");
            if (escalation.StrongerModel is not null && ModelIdSyntax.Check(escalation.StrongerModel) is { } problem)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedModelId, escalation.Location, owner + " [Escalate(StrongerModel)]", problem));
            }
        }
    }

    private static void Check(List<DiagnosticInfo> diagnostics, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, string owner, bool failed, string problem)
    {
        if (failed)
        {
            diagnostics.Add(DiagnosticInfo.Create(descriptor, location, owner, problem));
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
