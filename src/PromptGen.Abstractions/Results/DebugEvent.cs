namespace PromptGen;

/// <summary>One entry of a debug-mode timeline. Text is redacted of secrets before it is recorded.</summary>
/// <param name="At">When it happened, by the runtime's <see cref="TimeProvider"/>.</param>
/// <param name="Kind">What happened.</param>
/// <param name="ModelId">The model it concerns.</param>
/// <param name="Detail">The details: rendered messages, the raw answer, a delay and its reason, …</param>
public sealed record DebugEvent(DateTimeOffset At, DebugEventKind Kind, string ModelId, string Detail);
