using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>An <see cref="IEscalationHandler"/>'s decision. Create one with the static methods.</summary>
public sealed record EscalationDecision
{
    private EscalationDecision(EscalationAction action) => Action = action;

    /// <summary>Gets what to do.</summary>
    public EscalationAction Action { get; }

    /// <summary>Gets the supplied answer, for <see cref="EscalationAction.Supply"/>.</summary>
    public string? Answer { get; private init; }

    /// <summary>Gets the model to retry with, for <see cref="EscalationAction.RetryWithModel"/>.</summary>
    public string? ModelId { get; private init; }

    /// <summary>Gets the amended messages, for <see cref="EscalationAction.RetryWithPrompt"/>.</summary>
    public IReadOnlyList<ChatMessage>? Messages { get; private init; }

    /// <summary>Uses <paramref name="answer"/> as the call's result (for typed results, JSON text).</summary>
    /// <param name="answer">The answer.</param>
    /// <returns>The decision.</returns>
    public static EscalationDecision Supply(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new(EscalationAction.Supply) { Answer = answer };
    }

    /// <summary>Tries again on <paramref name="modelId"/>.</summary>
    /// <param name="modelId">A model id or alias.</param>
    /// <returns>The decision.</returns>
    public static EscalationDecision RetryWithModel(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return new(EscalationAction.RetryWithModel) { ModelId = modelId };
    }

    /// <summary>Tries again with <paramref name="messages"/> on the same models.</summary>
    /// <param name="messages">The amended messages.</param>
    /// <returns>The decision.</returns>
    public static EscalationDecision RetryWithPrompt(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return new(EscalationAction.RetryWithPrompt) { Messages = messages };
    }

    /// <summary>Gives up; the call fails with its last error.</summary>
    /// <returns>The decision.</returns>
    public static EscalationDecision Fail() => new(EscalationAction.Fail);
}
