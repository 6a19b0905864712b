namespace PromptGen;

/// <summary>One attempt of a prompt call: a request to a model, a retry, a fallback hop, a re-ask or a judge call.</summary>
/// <param name="ModelId">The model id the attempt used, in canonical <c>provider/model</c> form.</param>
/// <param name="Provider">The provider name, for example <c>openai</c>.</param>
/// <param name="Kind">Why the attempt was made.</param>
/// <param name="StartedAt">When the attempt started.</param>
/// <param name="Duration">How long the attempt took.</param>
/// <param name="Outcome">How the attempt ended.</param>
public sealed record AttemptRecord(
    string ModelId,
    string Provider,
    AttemptKind Kind,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    AttemptOutcome Outcome)
{
    /// <summary>Gets the wait before this attempt (a retry's backoff, at least the provider's <c>Retry-After</c>).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>
    /// Gets how long this attempt waited before its request for a provider budget (<c>PromptGenOptions.Limits</c>) or
    /// for a provider that answered 429 with a wait (seen by this call, another call or another instance of the fleet).
    /// Not part of <see cref="Duration"/>; zero when it did not wait.
    /// </summary>
    public TimeSpan BudgetWait { get; init; }

    /// <summary>Gets the number of input tokens the provider reported, if any.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Gets the number of output tokens the provider reported, if any.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Gets the cost in US dollars, when a price is known.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Gets the error kind when <see cref="Outcome"/> is <see cref="AttemptOutcome.Failed"/> or <see cref="AttemptOutcome.Skipped"/>.</summary>
    public PromptErrorKind? ErrorKind { get; init; }

    /// <summary>Gets the error message (secrets redacted), if the attempt failed.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Gets the HTTP status the provider returned, if any.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Gets the validation errors when <see cref="Outcome"/> is <see cref="AttemptOutcome.Invalid"/>.</summary>
    public IReadOnlyList<string> ValidationErrors { get; init; } = [];

    /// <summary>
    /// Gets what was changed to read this attempt's answer as JSON (extraction, syntax repairs, coercions; see
    /// <c>JsonParsePolicy</c>), each with its path, line and column. Empty when the answer was valid as it came.
    /// </summary>
    public IReadOnlyList<PromptGen.Validation.JsonRepair> Repairs { get; init; } = [];

    /// <summary>Gets the score (0–1) a judge's verdict carried, when this is a judge call whose verdict had one.</summary>
    public double? JudgeScore { get; init; }

    /// <summary>Gets the time from the start of a streamed attempt to its first text, when the answer was streamed.</summary>
    public TimeSpan? TimeToFirstToken { get; init; }

    /// <inheritdoc/>
    public override string ToString()
    {
        var tokens = InputTokens is null && OutputTokens is null ? string.Empty : $" tokens {InputTokens ?? 0}→{OutputTokens ?? 0}";
        var error = ErrorKind is null ? string.Empty : $" {ErrorKind}: {ErrorMessage}";
        var delay = Delay > TimeSpan.Zero ? $" after waiting {Delay.TotalMilliseconds:0} ms" : string.Empty;
        delay += BudgetWait > TimeSpan.Zero ? $" (waited {BudgetWait.TotalMilliseconds:0} ms for its provider's budget)" : string.Empty;
        var repairs = Repairs.Count == 0 ? string.Empty : $" ({Repairs.Count} JSON repair(s): {string.Join("; ", Repairs)})";
        return $"{Kind} {ModelId}{delay}: {Outcome} in {Duration.TotalMilliseconds:0} ms{tokens}{error}{repairs}";
    }
}
