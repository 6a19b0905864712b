using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace PromptGen;

public sealed partial class PromptRouter
{
    /// <summary>What every attempt of one call shares.</summary>
    private sealed record CallState(
        PromptRouter Router,
        DebugLog? Debug,
        IList<ChatMessage> Messages,
        PromptCallOptions? Options,
        DateTimeOffset? Deadline,
        EscalationOptions Escalation,
        ModelRoute? Stronger,
        EscalationBudget Escalations,
        CancellationToken CallerToken,
        CancellationToken DeadlineToken,
        CancellationToken Token) : IRetryInterrupt
    {
        /// <summary>Gets the attempts so far; handed to the result's trace as it is (the call is over by then). Most calls make one.</summary>
        public List<AttemptRecord> Attempts { get; init; } = new(1);

        /// <summary>Gets the call's images, loaded once and fitted once per route; <see langword="null"/> without images.</summary>
        public ImageResolver.CallImages? Images { get; init; }

        /// <summary>Gets a value indicating whether attempts stream (<see cref="StreamAttemptAsync"/>).</summary>
        public bool Streaming { get; init; }

        /// <summary>Gets where streamed updates go as they arrive; <see langword="null"/> when the caller wants only the assembled answer.</summary>
        public ChannelWriter<ChatResponseUpdate>? Sink { get; init; }

        /// <summary>Gets the asks of the sink's reader; <see langword="null"/> when the attempt reads ahead of it.</summary>
        public StreamDemand? Demand { get; init; }

        /// <summary>Gets the first-token timeout of a streamed attempt.</summary>
        public TimeSpan? FirstTokenTimeout { get; init; }

        /// <summary>Gets the idle timeout between a streamed attempt's updates.</summary>
        public TimeSpan? IdleTimeout { get; init; }

        /// <summary>Gets or sets a value indicating whether content has reached the caller (from then on, no retry, fallback or escalation).</summary>
        public bool Delivered { get; set; }

        /// <summary>Gets or sets the chain index where the stronger model was inserted (-1 = not yet).</summary>
        public int SwitchedAt { get; set; } = -1;

        /// <summary>Gets or sets the response-cache key of the call, once it was looked up (<see cref="CachedAsync"/>).</summary>
        public string? CacheKey { get; set; }

        /// <summary>Gets or sets a value indicating whether the handler is being asked before everything was exhausted.</summary>
        public bool AskedEarly { get; set; }

        public int FailedAttempts => Attempts.Count(a => a.Outcome == AttemptOutcome.Failed);

        /// <summary>Gets a value indicating whether the stronger model is due (the switch threshold is reached).</summary>
        public bool ShouldSwitch => Stronger is not null && SwitchedAt < 0 && FailedAttempts >= Escalation.SwitchModelAfter;

        /// <summary>Gets a value indicating whether the handler is due before everything is exhausted.</summary>
        public bool ShouldAsk => Escalation.AskHumanAfter > 0 && FailedAttempts >= Escalation.AskHumanAfter && Escalations.CanAsk;

        /// <summary>Stops retrying the current route when a staged-escalation threshold is reached.</summary>
        public string? Interrupt()
        {
            if (Delivered)
            {
                return "not retried: content has already been streamed to the caller";
            }

            if (ShouldSwitch)
            {
                return $"{FailedAttempts} failed attempts: switching to the stronger model {Stronger!.Id.Canonical}";
            }

            if (ShouldAsk)
            {
                AskedEarly = true;
                return $"{FailedAttempts} failed attempts: asking the escalation handler";
            }

            return null;
        }
    }

    /// <summary>One route of one call, with its retry decisions.</summary>
    private readonly record struct RouteCall(CallState Call, ModelRoute Route, AttemptKind FirstKind, RetryState Retry);
}
