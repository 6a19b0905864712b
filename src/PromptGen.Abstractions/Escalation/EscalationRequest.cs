using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>What an <see cref="IEscalationHandler"/> is told about the call it must decide on.</summary>
/// <param name="ModelId">The model the call asked for (the primary).</param>
/// <param name="Messages">The rendered messages.</param>
/// <param name="Trace">Every attempt made so far.</param>
/// <param name="LastError">The most recent failure.</param>
/// <param name="Exhausted"><see langword="true"/> when every attempt and fallback is used up; <see langword="false"/> when a staged threshold was reached first.</param>
public sealed record EscalationRequest(string ModelId, IReadOnlyList<ChatMessage> Messages, PromptTrace Trace, PromptGenException LastError, bool Exhausted);
