using Microsoft.Extensions.AI;
using PromptGen.Validation;

namespace PromptGen.Generated;

public sealed partial class PromptExecutor
{
    /// <summary>
    /// The re-ask loop: ask, parse, validate; on failure ask again with the exact errors, keeping only the latest failed
    /// answer in the conversation. When the budget is spent the escalation handler gets its turn, then the call fails
    /// with every attempt attached.
    /// </summary>
    private async Task<PromptResult<T>> RunAsync<T>(
        PromptDescriptor descriptor,
        IList<ChatMessage> messages,
        Func<ValidationContext, (T? Value, IReadOnlyList<string> Errors)> parse,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(messages);
        var budget = Math.Max(0, descriptor.ReaskBudget ?? _router.Options.Validation.MaxReasks);
        var log = new CallLog();
        IList<ChatMessage> prompt = messages;
        string? model = null;
        var firstKind = AttemptKind.Primary;
        for (var escalations = 0; ; escalations++)
        {
            IList<ChatMessage> conversation = prompt;
            for (var ask = 0; ; ask++)
            {
                var result = await AskAsync(descriptor, conversation, model, log, ask == 0 ? firstKind : AttemptKind.Reask, cancellationToken).ConfigureAwait(false);
                var text = result.Value.Text;
                var answered = log.Attempts.Count - 1;
                var context = new ValidationContext(text, descriptor.Schema)
                {
                    Services = _services,
                    Router = _router,
                    JudgeModel = _router.Options.Validation.JudgeModel,
                    Subject = descriptor.ToString(),
                };
                var (value, errors) = await ValidateAsync(descriptor, context, parse, log, cancellationToken).ConfigureAwait(false);
                if (errors.Count == 0)
                {
                    return new PromptResult<T>(value!, result.ModelId, log.Trace()) { RawText = text, Usage = result.Usage };
                }

                log.Attempts[answered] = log.Attempts[answered] with { Outcome = AttemptOutcome.Invalid, ValidationErrors = errors };
                log.Failed.Add(new ValidationAttempt(result.ModelId, text, errors)
                {
                    InputTokens = result.Usage?.InputTokenCount,
                    OutputTokens = result.Usage?.OutputTokenCount,
                });
                if (ask >= budget)
                {
                    break;
                }

                conversation = [.. prompt, new ChatMessage(ChatRole.Assistant, text), new ChatMessage(ChatRole.User, RepairPrompt.Build(errors, descriptor.JsonSchema))];
            }

            var exhausted = Exhausted(descriptor, budget, log);
            var handler = _router.EscalationHandler;
            if (handler is null || escalations >= _router.Options.Escalation.MaxEscalations)
            {
                throw exhausted;
            }

            var request = new EscalationRequest(model ?? descriptor.Model ?? _router.Options.DefaultModel, [.. prompt], log.Trace(), exhausted, Exhausted: true);
            var decision = await handler.EscalateAsync(request, cancellationToken).ConfigureAwait(false);
            switch (decision.Action)
            {
                case EscalationAction.Supply:
                    return Supplied(descriptor, decision.Answer!, parse, log, budget);
                case EscalationAction.RetryWithModel:
                    model = decision.ModelId;
                    break;
                case EscalationAction.RetryWithPrompt:
                    prompt = [.. decision.Messages!];
                    break;
                default:
                    throw exhausted;
            }

            firstKind = AttemptKind.Escalation;
        }
    }

    private async Task<PromptResult<ChatResponse>> AskAsync(PromptDescriptor descriptor, IList<ChatMessage> conversation, string? model, CallLog log, AttemptKind firstKind, CancellationToken cancellationToken)
    {
        try
        {
            var result = descriptor.Stream
                ? await _router.GetStreamedResponseAsync(conversation, CallOptions(descriptor, model), cancellationToken).ConfigureAwait(false)
                : await _router.GetResponseAsync(conversation, CallOptions(descriptor, model), cancellationToken).ConfigureAwait(false);
            log.Add(result.Trace, firstKind);
            return result;
        }
        catch (PromptGenException error)
        {
            log.Add(error.Trace, firstKind);
            error.WithTrace(log.Trace(), error.FallbackFailures);
            throw;
        }
    }

    private static async Task<(T? Value, IReadOnlyList<string> Errors)> ValidateAsync<T>(
        PromptDescriptor descriptor,
        ValidationContext context,
        Func<ValidationContext, (T? Value, IReadOnlyList<string> Errors)> parse,
        CallLog log,
        CancellationToken cancellationToken)
    {
        var (value, errors) = parse(context);
        if (errors.Count > 0 || descriptor.Rules.Count == 0)
        {
            return (value, errors);
        }

        ValidationResult result;
        try
        {
            result = await ResponseValidation.ValidateAsync(descriptor.Rules, context, cancellationToken).ConfigureAwait(false);
        }
        catch (PromptGenException error)
        {
            log.Attempts.AddRange(context.JudgeAttempts);
            error.WithTrace(log.Trace());
            throw;
        }

        log.Attempts.AddRange(context.JudgeAttempts);
        return (value, result.Errors);
    }

    private static PromptResult<T> Supplied<T>(PromptDescriptor descriptor, string answer, Func<ValidationContext, (T? Value, IReadOnlyList<string> Errors)> parse, CallLog log, int budget)
    {
        const string Handler = "escalation/handler";
        var (value, errors) = parse(new ValidationContext(answer, descriptor.Schema));
        log.Attempts.Add(new AttemptRecord(Handler, "escalation", AttemptKind.Escalation, log.Attempts.Count > 0 ? log.Attempts[^1].StartedAt + log.Attempts[^1].Duration : default, TimeSpan.Zero, errors.Count == 0 ? AttemptOutcome.Succeeded : AttemptOutcome.Invalid)
        {
            ValidationErrors = errors,
        });
        if (errors.Count == 0)
        {
            return new PromptResult<T>(value!, Handler, log.Trace()) { RawText = answer };
        }

        log.Failed.Add(new ValidationAttempt(Handler, answer, errors));
        throw Exhausted(descriptor, budget, log);
    }

    private static ResponseValidationException Exhausted(PromptDescriptor descriptor, int budget, CallLog log)
    {
        var last = log.Failed[^1];
        var error = new ResponseValidationException(
            $"{descriptor}: no valid answer after {log.Failed.Count} attempt(s) ({budget} re-ask(s) allowed); the last answer from '{last.ModelId}' failed: {string.Join(" ", last.Errors)} "
            + "Every answer and its errors are in Attempts. Raise the budget with [Reask(MaxReasks = n)], make the prompt state the format, or use a stronger model.",
            last.RawText,
            last.Errors)
        {
            ModelId = last.ModelId,
            Attempts = [.. log.Failed],
        };
        error.WithTrace(log.Trace());
        return error;
    }

    /// <summary>The attempts, debug events and failed answers of one executor call, across re-asks and escalations.</summary>
    private sealed class CallLog
    {
        private readonly List<DebugEvent> _debug = [];

        public List<AttemptRecord> Attempts { get; } = [];

        public List<ValidationAttempt> Failed { get; } = [];

        public void Add(PromptTrace trace, AttemptKind firstKind)
        {
            for (var i = 0; i < trace.Attempts.Count; i++)
            {
                var attempt = trace.Attempts[i];
                Attempts.Add(i == 0 && attempt.Kind == AttemptKind.Primary ? attempt with { Kind = firstKind } : attempt);
            }

            _debug.AddRange(trace.DebugEvents);
        }

        public PromptTrace Trace() => new([.. Attempts], _debug.Count == 0 ? null : [.. _debug]);
    }
}
