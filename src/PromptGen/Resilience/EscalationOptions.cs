namespace PromptGen;

/// <summary>
/// Staged escalation (llm_call's): after <see cref="SwitchModelAfter"/> failed attempts switch to
/// <see cref="StrongerModel"/>; after <see cref="AskHumanAfter"/> failed attempts ask the <see cref="IEscalationHandler"/>.
/// Without thresholds the handler is asked only when everything is exhausted.
/// </summary>
public sealed record EscalationOptions
{
    /// <summary>Gets the model to switch to once <see cref="SwitchModelAfter"/> attempts have failed.</summary>
    public string? StrongerModel { get; init; }

    /// <summary>Gets the number of failed attempts after which the stronger model is used (0 = never).</summary>
    public int SwitchModelAfter { get; init; }

    /// <summary>Gets the number of failed attempts after which the handler is asked (0 = only when exhausted).</summary>
    public int AskHumanAfter { get; init; }

    /// <summary>Gets how many times one call may consult the handler. Default 1.</summary>
    public int MaxEscalations { get; init; } = 1;
}
