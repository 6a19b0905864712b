using System.Text.Json.Serialization;

namespace PromptGen.Cli;

/// <summary>What <c>ask --json</c> prints.</summary>
internal sealed record AskJsonOutput(string Model, string Text, AskJsonUsage? Usage, IReadOnlyList<AskJsonAttempt> Attempts);

/// <summary>Token usage of the accepted answer.</summary>
internal sealed record AskJsonUsage(long? InputTokens, long? OutputTokens, long? TotalTokens);

/// <summary>One attempt of the call (the primary, each retry and each fallback hop); <c>delayMs</c> is the wait before a retry.</summary>
internal sealed record AskJsonAttempt(
    string Model,
    string Provider,
    string Kind,
    string Outcome,
    DateTimeOffset StartedAt,
    double DurationMs,
    double? DelayMs,
    long? InputTokens,
    long? OutputTokens,
    string? ErrorKind,
    string? ErrorMessage,
    int? StatusCode)
{
    public static AskJsonAttempt From(AttemptRecord attempt) => new(
        attempt.ModelId,
        attempt.Provider,
        attempt.Kind.ToString(),
        attempt.Outcome.ToString(),
        attempt.StartedAt,
        Math.Round(attempt.Duration.TotalMilliseconds, 1),
        attempt.Delay > TimeSpan.Zero ? Math.Round(attempt.Delay.TotalMilliseconds, 1) : null,
        attempt.InputTokens,
        attempt.OutputTokens,
        attempt.ErrorKind?.ToString(),
        attempt.ErrorMessage,
        attempt.StatusCode);
}

/// <summary>Source-generated serialization for the CLI's JSON output (no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AskJsonOutput))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
