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
    private async ValueTask<PromptResult<T>> RunAsync<T>(
        PromptDescriptor descriptor,
        IList<ChatMessage> messages,
        PromptCallOptions? options,
        Func<ValidationContext, (T? Value, IReadOnlyList<string> Errors)>? parse,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(messages);
        var budget = Math.Max(0, descriptor.ReaskBudget ?? _router.Options.Validation.MaxReasks);
        var log = new CallLog();
        IList<ChatMessage> prompt = messages;
        string? model = null;
        var firstKind = AttemptKind.Primary;
        string? cacheKey = null;

        // One escalation budget for the whole call: the router's chain and this re-ask loop consult the handler through it.
        var handler = options?.EscalationHandler ?? _router.EscalationHandler;
        var escalations = handler is null ? null : new EscalationBudget(handler, options?.Escalation ?? descriptor.Escalation ?? _router.Options.Escalation);
        while (true)
        {
            IList<ChatMessage> conversation = prompt;
            for (var ask = 0; ; ask++)
            {
                // Only the first ask of the caller's own prompt uses the response cache; re-asks carry a rejected answer.
                var first = ask == 0 && firstKind == AttemptKind.Primary;
                var result = await AskAsync(descriptor, conversation, options, model ?? escalations?.RetryModel, escalations, log, ask == 0 ? firstKind : AttemptKind.Reask, first ? CacheUse.LookupOnly : CacheUse.None, cancellationToken).ConfigureAwait(false);
                cacheKey = first ? result.CacheKey : cacheKey;
                var text = result.Response.Text;
                var answered = log.Count - 1;

                // A text result without rules has nothing to check: no validation context for it.
                var context = parse is null && descriptor.Rules.Count == 0 ? null : Context(descriptor, options, text);
                var (value, errors) = context is null
                    ? ((T?)(object)text, [])
                    : await ValidateAsync(descriptor, context, parse ?? TextOf<T>, log, cancellationToken, result.FromCache).ConfigureAwait(false);
                var repairs = context?.Repairs ?? [];
                if (errors.Count == 0)
                {
                    if (repairs.Count > 0)
                    {
                        log.Attempts[answered] = log.Attempts[answered] with { Repairs = repairs };
                    }

                    if (cacheKey is not null && !result.FromCache && model is null && ReferenceEquals(prompt, messages))
                    {
                        // Only a validated answer is stored, under the key of the caller's prompt (a re-ask's answer too).
                        await _router.StoreAsync(result with { CacheKey = cacheKey }, descriptor.CallOptionsWith(options), cancellationToken).ConfigureAwait(false);
                    }

                    return new PromptResult<T>(value!, result.ModelId, log.Trace()) { RawText = text, Usage = result.Response.Usage, Repairs = repairs };
                }

                log.Attempts[answered] = log.Attempts[answered] with { Outcome = AttemptOutcome.Invalid, ValidationErrors = errors, Repairs = repairs };
                log.Failed.Add(new ValidationAttempt(result.ModelId, text, errors)
                {
                    InputTokens = result.Response.Usage?.InputTokenCount,
                    OutputTokens = result.Response.Usage?.OutputTokenCount,
                    Repairs = repairs,
                });
                if (ask >= budget)
                {
                    break;
                }

                conversation = [.. prompt, new ChatMessage(ChatRole.Assistant, text), new ChatMessage(ChatRole.User, RepairPrompt.Build(errors, descriptor.JsonSchema))];
            }

            var exhausted = Exhausted(descriptor, budget, log);
            if (escalations is not { CanAsk: true }
                || await escalations.AskAsync(new EscalationRequest(model ?? options?.Model ?? descriptor.Model ?? _router.Options.DefaultModel, [.. prompt], log.Trace(), exhausted, Exhausted: true), null, cancellationToken).ConfigureAwait(false) is not { } decision)
            {
                throw exhausted;
            }

            switch (decision.Action)
            {
                case EscalationAction.Supply:
                    return Supplied(descriptor, decision.Answer!, parse ?? TextOf<T>, log, budget);
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

    private ValidationContext Context(PromptDescriptor descriptor, PromptCallOptions? options, string text) => new(text, descriptor.Schema)
    {
        Policy = options?.JsonPolicy ?? descriptor.JsonPolicy ?? _router.Options.Validation.JsonPolicy,
        Services = _services,
        Judge = _router,
        JudgeModel = _router.Options.Validation.JudgeModel,
        Subject = descriptor.ToString(),
    };

    /// <summary>The parse step of a text result: the text as it is (<typeparamref name="T"/> is <see cref="string"/>).</summary>
    private static (T? Value, IReadOnlyList<string> Errors) TextOf<T>(ValidationContext context) => ((T?)(object)context.Text, []);

    private async ValueTask<RoutedResponse> AskAsync(PromptDescriptor descriptor, IList<ChatMessage> conversation, PromptCallOptions? options, string? model, EscalationBudget? escalations, CallLog log, AttemptKind firstKind, CacheUse cache, CancellationToken cancellationToken)
    {
        try
        {
            var chain = model is null && options is null ? descriptor.ChainFor(_router) : null;
            var result = await _router.SendAsync(conversation, descriptor.CallOptionsWith(options, model), cancellationToken, chain, streaming: descriptor.Stream, shared: escalations, cache: cache).ConfigureAwait(false);
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

    private static async ValueTask<(T? Value, IReadOnlyList<string> Errors)> ValidateAsync<T>(
        PromptDescriptor descriptor,
        ValidationContext context,
        Func<ValidationContext, (T? Value, IReadOnlyList<string> Errors)> parse,
        CallLog log,
        CancellationToken cancellationToken,
        bool fromCache = false)
    {
        var (value, errors) = parse(context);
        if (errors.Count > 0 || descriptor.Rules.Count == 0 || fromCache)
        {
            // A cached answer passed these rules (their version is part of its key): parsed, not judged again.
            return (value, errors);
        }

        ValidationResult result;
        try
        {
            result = await ResponseValidation.ValidateAsync(descriptor.Rules, context, cancellationToken).ConfigureAwait(false);
        }
        catch (PromptGenException error)
        {
            log.AddJudgeAttempts(context.JudgeAttempts);
            error.WithTrace(log.Trace());
            throw;
        }

        log.AddJudgeAttempts(context.JudgeAttempts);
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

    /// <summary>
    /// The attempts, debug events and failed answers of one executor call, across re-asks and escalations. The common
    /// call (one ask, valid at once) has one router trace: it is kept and returned as it is, and copied into lists only
    /// when a second ask, a judge attempt or a changed record needs them.
    /// </summary>
    private sealed class CallLog
    {
        private PromptTrace? _only;
        private List<AttemptRecord>? _attempts;
        private List<DebugEvent>? _debug;
        private List<ValidationAttempt>? _failed;

        /// <summary>Gets the attempts as a list to change (copies a kept router trace first).</summary>
        public List<AttemptRecord> Attempts
        {
            get
            {
                if (_attempts is null)
                {
                    _attempts = _only is null ? [] : [.. _only.Attempts];
                    _debug = _only is null ? [] : [.. _only.DebugEvents];
                    _only = null;
                }

                return _attempts;
            }
        }

        /// <summary>Gets the number of attempts so far.</summary>
        public int Count => _attempts?.Count ?? _only?.Attempts.Count ?? 0;

        public List<ValidationAttempt> Failed => _failed ??= [];

        public void Add(PromptTrace trace, AttemptKind firstKind)
        {
            if (_attempts is null && _only is null && firstKind == AttemptKind.Primary)
            {
                _only = trace;
                return;
            }

            var attempts = Attempts;
            for (var i = 0; i < trace.Attempts.Count; i++)
            {
                var attempt = trace.Attempts[i];
                attempts.Add(i == 0 && attempt.Kind == AttemptKind.Primary && firstKind != AttemptKind.Primary ? attempt with { Kind = firstKind } : attempt);
            }

            _debug!.AddRange(trace.DebugEvents);
        }

        public void AddJudgeAttempts(IReadOnlyList<AttemptRecord> judged)
        {
            if (judged.Count > 0)
            {
                Attempts.AddRange(judged);
            }
        }

        public PromptTrace Trace() => _only ?? (_attempts is null ? PromptTrace.Empty : new([.. _attempts], _debug!.Count == 0 ? null : [.. _debug]));
    }
}
