using Microsoft.Extensions.AI;

namespace PromptGen.Validation;

/// <summary>
/// How a judge rule reaches its judge model. Validation declares it and the call engine implements it
/// (<see cref="PromptRouter"/>), so judge calls get the same retries, breaker, deadline and trace as any call without
/// validation depending on the engine.
/// </summary>
public interface IJudgeClient
{
    /// <summary>Asks the judge model for a verdict.</summary>
    /// <param name="model">The judge model id or alias; <see langword="null"/> for the default model.</param>
    /// <param name="messages">The judge prompt.</param>
    /// <param name="options">The chat options of the judge call (temperature 0, JSON answer).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The judge's answer with the model that gave it and the trace of the call.</returns>
    ValueTask<PromptResult<ChatResponse>> AskJudgeAsync(string? model, IList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken);
}
