namespace PromptGen;

/// <summary>
/// The escalation handler of one call and how many times it has been consulted. One per call, shared by the router's
/// chain (every route failed, or a staged threshold asks early) and the executor's re-ask loop (no valid answer within
/// the budget), so both ask the same handler through one door and together stay within
/// <see cref="EscalationOptions.MaxEscalations"/>.
/// </summary>
internal sealed class EscalationBudget(IEscalationHandler? handler, EscalationOptions options)
{
    /// <summary>Gets the budget of a call without a handler (shared: it is never consulted, so never changes).</summary>
    public static EscalationBudget None { get; } = new(null, new EscalationOptions());

    /// <summary>Gets the escalation settings of the call.</summary>
    public EscalationOptions Options { get; } = options;

    /// <summary>Gets the handler, if one is registered for the call.</summary>
    public IEscalationHandler? Handler { get; } = handler;

    /// <summary>
    /// Gets or sets the model a <see cref="EscalationAction.RetryWithModel"/> decision moved the call to: it holds for the
    /// rest of the call (the re-asks of a typed call go to the model the handler chose, not back to the failing chain).
    /// </summary>
    public string? RetryModel { get; set; }

    /// <summary>Gets how many times the handler has been consulted.</summary>
    public int Used { get; private set; }

    /// <summary>Gets a value indicating whether the handler can be consulted again.</summary>
    public bool CanAsk => Handler is not null && Used < Options.MaxEscalations;

    /// <summary>Consults the handler, counting the consultation; <see langword="null"/> when there is none or its budget is spent.</summary>
    /// <param name="request">What failed and the conversation so far.</param>
    /// <param name="debug">The call's debug log, which records the decision.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The handler's decision, or <see langword="null"/>.</returns>
    public async ValueTask<EscalationDecision?> AskAsync(EscalationRequest request, DebugLog? debug, CancellationToken cancellationToken)
    {
        if (!CanAsk)
        {
            return null;
        }

        Used++;
        var decision = await Handler!.EscalateAsync(request, cancellationToken).ConfigureAwait(false);
        debug?.Add(DebugEventKind.Fallback, request.ModelId, $"escalation handler decided {decision.Action} ({Used} of {Options.MaxEscalations})");
        return decision;
    }
}
