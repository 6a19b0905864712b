using Microsoft.CodeAnalysis;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Parsing;

/// <summary>Reads <c>[Retry]</c>, <c>[CircuitBreaker]</c>, <c>[Timeout]</c>, <c>[Escalate]</c> and <c>[Cache]</c> into values.</summary>
internal static class ResilienceReader
{
    public static ResilienceSettings Read(ISymbol symbol)
    {
        RetrySettings? retry = null;
        BreakerSettings? breaker = null;
        TimeoutSettings? timeout = null;
        EscalationSettings? escalation = null;
        if (symbol.FindAttribute(KnownNames.RetryAttribute) is { } r)
        {
            retry = new RetrySettings(Int(r, "MaxRetries", 3), Double(r, "BaseDelaySeconds", 1), Double(r, "MaxDelaySeconds", 30), Bool(r, "UseJitter", true), Where(r));
        }

        if (symbol.FindAttribute(KnownNames.CircuitBreakerAttribute) is { } b)
        {
            breaker = new BreakerSettings(Double(b, "FailureRatio", 0.5), Int(b, "MinimumThroughput", 10), Double(b, "SamplingDurationSeconds", 30), Double(b, "BreakDurationSeconds", 30), Where(b));
        }

        if (symbol.FindAttribute(KnownNames.TimeoutAttribute) is { } t)
        {
            timeout = new TimeoutSettings(Double(t, "AttemptSeconds", 0), Double(t, "TotalSeconds", 0), Where(t))
            {
                FirstTokenSeconds = Double(t, "FirstTokenSeconds", 0),
                IdleSeconds = Double(t, "IdleSeconds", 0),
            };
        }

        if (symbol.FindAttribute(KnownNames.EscalateAttribute) is { } e)
        {
            escalation = new EscalationSettings(e.NamedArgument("StrongerModel") as string, Int(e, "SwitchModelAfter", 0), Int(e, "AskHumanAfter", 0), Where(e));
        }

        CacheSettings? cache = null;
        if (symbol.FindAttribute(KnownNames.CacheAttribute) is { } c)
        {
            cache = new CacheSettings(Double(c, "Minutes", 0), Double(c, "Seconds", 0), Where(c));
        }

        return retry is null && breaker is null && timeout is null && escalation is null && cache is null
            ? ResilienceSettings.None
            : new ResilienceSettings(retry, breaker, timeout, escalation) { Cache = cache };
    }

    private static LocationInfo? Where(AttributeData attribute) => LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax());

    private static int Int(AttributeData attribute, string name, int fallback) => attribute.NamedArgument(name) is int value ? value : fallback;

    private static double Double(AttributeData attribute, string name, double fallback) => attribute.NamedArgument(name) is double value ? value : fallback;

    private static bool Bool(AttributeData attribute, string name, bool fallback) => attribute.NamedArgument(name) is bool value ? value : fallback;
}
