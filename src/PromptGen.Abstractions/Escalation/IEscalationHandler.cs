namespace PromptGen;

/// <summary>
/// Decides what happens when a call cannot succeed on its own: transport attempts, fallbacks and re-asks are exhausted,
/// or a staged-escalation threshold (<see cref="EscalateAttribute.AskHumanAfter"/>) is reached. Typically a human in
/// the loop (a ticket, a review queue, a console prompt) or a policy.
/// </summary>
public interface IEscalationHandler
{
    /// <summary>Decides how to continue.</summary>
    /// <param name="request">The rendered prompt, the attempt log and the last error.</param>
    /// <param name="cancellationToken">The call's cancellation token.</param>
    /// <returns>The decision: supply a value, retry with another model or an amended prompt, or fail.</returns>
    ValueTask<EscalationDecision> EscalateAsync(EscalationRequest request, CancellationToken cancellationToken);
}
