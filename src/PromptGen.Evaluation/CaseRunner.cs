using System.Text;
using PromptGen.Generated;
using PromptGen.Validation;

namespace PromptGen.Evaluation;

/// <summary>
/// Runs one case through <see cref="PromptExecutor"/> (router, retries, fallbacks, rules, re-asks, judges) and turns
/// what happened into a verdict: PASS; FAIL when the answer broke a rule after every re-ask; ERROR when a provider, a
/// judge or the runner itself failed (an error says nothing about the prompt); SKIPPED.
/// </summary>
internal sealed partial class CaseRunner(PromptExecutor executor, PromptRouter router, RunSettings settings, PriceTable prices, TimeProvider time)
{
    /// <summary>Gets the services generated methods are called with (<c>call</c> cases).</summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>Runs a case; its rate-limit waits (provider budgets and 429 holds of the pipeline) come from its trace.</summary>
    public async Task<CaseResult> RunAsync(TestCase testCase, CancellationToken cancellationToken)
    {
        // Recorded exchanges are filed under the case (and repeat): equal prompts of different cases stay apart, and a
        // request with no recording names its case. The scope ends with this method (async-local).
        using var scope = router.Recorder.Mode == ChatRecordingMode.Off ? null : ChatRecorder.BeginScope(testCase.Key);
        return await RunCoreAsync(testCase, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CaseResult> RunCoreAsync(TestCase testCase, CancellationToken cancellationToken)
    {
        var model = settings.MapModel(testCase.Model);
        var result = Base(testCase, model);
        if (testCase.Skip is { } reason)
        {
            return result with { Outcome = Outcomes.Skipped, Reason = reason };
        }

        var started = time.GetTimestamp();
        var startedAt = time.GetUtcNow();
        if (testCase.Call is { } call)
        {
            return await RunCallAsync(testCase, call, result, startedAt, started, cancellationToken).ConfigureAwait(false);
        }

        if (testCase.GivenAnswer is { } given)
        {
            return await ValidateGivenAsync(testCase, result, given, startedAt, started, cancellationToken).ConfigureAwait(false);
        }

        SemaphoreSlim? cap = null;
        try
        {
            var messages = SuiteImages.BuildMessages(testCase);
            cap = settings.CapFor(router.ResolveChain(model)[0].Endpoint.Provider);
            if (cap is not null)
            {
                await cap.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var descriptor = new PromptDescriptor("suite " + testCase.File, testCase.Id)
            {
                Model = model,
                Rules = testCase.Rules,
                ReaskBudget = testCase.Reasks,
                MaxOutputTokens = testCase.MaxTokens,
                Temperature = testCase.Temperature,
                Stream = testCase.Stream ?? settings.Stream,
            };
            var answer = await executor.GetTextAsync(descriptor, messages, cancellationToken).ConfigureAwait(false);
            return Measured(result, answer.Trace, startedAt, started) with
            {
                Outcome = Outcomes.Pass,
                AnsweredBy = answer.ModelId,
                Response = settings.Redactor.Redact(answer.Value),
            };
        }
        catch (ResponseValidationException failure)
        {
            return Measured(result, failure.Trace, startedAt, started) with
            {
                Outcome = Outcomes.Fail,
                Reason = settings.Redactor.Redact(string.Join(" ", failure.Errors)),
                AnsweredBy = failure.ModelId,
                Response = settings.Redactor.Redact(failure.RawText),
                FailedRules = await FailedRulesAsync(testCase, failure.RawText, failure.Errors, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (PromptGenException error)
        {
            return Measured(result, error.Trace, startedAt, started) with { Outcome = Outcomes.Error, Reason = settings.Redactor.Redact($"{error.Kind}: {error.Message}") };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any other failure is this case's ERROR; the run goes on.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return result with { Outcome = Outcomes.Error, Reason = settings.Redactor.Redact($"{error.GetType().Name}: {error.Message}"), LatencyMs = Elapsed(started) };
        }
        finally
        {
            cap?.Release();
        }
    }

    /// <summary>Checks a given answer (no model call); judges still call their model, so their errors are ERRORs.</summary>
    private async Task<CaseResult> ValidateGivenAsync(TestCase testCase, CaseResult result, string answer, DateTimeOffset startedAt, long started, CancellationToken cancellationToken)
    {
        var context = new ValidationContext(answer) { Judge = router, JudgeModel = router.Options.Validation.JudgeModel, Subject = $"case '{testCase.Id}'" };
        result = result with { Response = settings.Redactor.Redact(answer), AnsweredBy = "(given)" };
        try
        {
            var check = await ResponseValidation.ValidateAsync(testCase.Rules, context, cancellationToken).ConfigureAwait(false);
            result = Measured(result, new PromptTrace(context.JudgeAttempts), startedAt, started);
            return check.IsValid
                ? result with { Outcome = Outcomes.Pass }
                : result with
                {
                    Outcome = Outcomes.Fail,
                    Reason = settings.Redactor.Redact(check.ToString()),
                    FailedRules = await FailedRulesAsync(testCase, answer, check.Errors, cancellationToken).ConfigureAwait(false),
                };
        }
        catch (PromptGenException error)
        {
            return Measured(result, new PromptTrace(context.JudgeAttempts), startedAt, started) with { Outcome = Outcomes.Error, Reason = settings.Redactor.Redact($"{error.Kind}: {error.Message}") };
        }
    }

    private CaseResult Base(TestCase testCase, string? model) => new()
    {
        Index = testCase.Index,
        Id = testCase.Id,
        Key = testCase.Key,
        Repeat = testCase.Repeat,
        Description = testCase.Description,
        File = testCase.File,
        Line = testCase.Line,
        Tags = testCase.Tags,
        Outcome = Outcomes.Error,
        Model = model,
        Prompt = settings.Redactor.Redact(Prompt(testCase)),
        Rules = testCase.RuleNames,
    };

    private CaseResult Measured(CaseResult result, PromptTrace trace, DateTimeOffset startedAt, long started)
    {
        decimal? cost = 0m;
        foreach (var attempt in trace.Attempts.Where(a => (a.InputTokens ?? 0) + (a.OutputTokens ?? 0) > 0))
        {
            cost += prices.Cost(attempt.ModelId, attempt.InputTokens ?? 0, attempt.OutputTokens ?? 0);
        }

        var answered = trace.Attempts.LastOrDefault(a => a.Kind != AttemptKind.Judge && a.Outcome != AttemptOutcome.Failed);
        var scores = trace.Attempts.Where(a => a.Kind == AttemptKind.Judge && a.JudgeScore is not null).Select(a => a.JudgeScore!.Value).ToList();
        var waits = trace.Attempts.Where(a => a.BudgetWait > TimeSpan.Zero).ToList();
        return result with
        {
            RateLimitWaits = waits.Count,
            RateLimitWaitMs = waits.Count == 0 ? null : Math.Round(waits.Sum(a => a.BudgetWait.TotalMilliseconds), 1),
            LatencyMs = Elapsed(started),
            TimeToFirstTokenMs = answered?.TimeToFirstToken is { } ttft ? Math.Round(ttft.TotalMilliseconds, 2) : null,
            JudgeScores = scores.Count == 0 ? null : scores,
            InputTokens = trace.InputTokens,
            OutputTokens = trace.OutputTokens,
            CostUsd = trace.InputTokens + trace.OutputTokens > 0 ? cost : null,
            Retries = trace.Retries,
            Reasks = trace.Reasks,
            Fallbacks = trace.Fallbacks,
            Attempts = [.. trace.Attempts.Select(a => new AttemptEntry(
                a.ModelId,
                a.Kind.ToString(),
                a.Outcome.ToString(),
                Math.Round((a.StartedAt - startedAt).TotalMilliseconds, 1),
                Math.Round(a.Duration.TotalMilliseconds, 1),
                a.Delay > TimeSpan.Zero ? Math.Round(a.Delay.TotalMilliseconds, 1) : null,
                a.InputTokens,
                a.OutputTokens,
                a.ErrorMessage is null ? null : settings.Redactor.Redact(a.ErrorMessage),
                a.ValidationErrors.Count == 0 ? null : [.. a.ValidationErrors.Select(settings.Redactor.Redact)])
            {
                TimeToFirstTokenMs = a.TimeToFirstToken is { } t ? Math.Round(t.TotalMilliseconds, 2) : null,
                JudgeScore = a.JudgeScore,
            })],
        };
    }

    /// <summary>Which rules the final answer broke: each non-judge rule is checked again on it, so every failure names its rule.</summary>
    private async Task<IReadOnlyList<RuleFailure>> FailedRulesAsync(TestCase testCase, string answer, IReadOnlyList<string> errors, CancellationToken cancellationToken)
    {
        var failures = new List<RuleFailure>();
        var context = new ValidationContext(answer);
        for (var i = 0; i < testCase.Rules.Count; i++)
        {
            if (testCase.Rules[i].Stage == ValidationStage.Judge)
            {
                continue;
            }

            var check = await testCase.Rules[i].ValidateAsync(context, cancellationToken).ConfigureAwait(false);
            failures.AddRange(check.Errors.Select(e => new RuleFailure(testCase.RuleNames[i], settings.Redactor.Redact(e))));
        }

        if (failures.Count == 0)
        {
            // Only a judge (or a typed check) can have failed it: keep the runtime's own messages.
            var judge = testCase.Rules.Select((r, i) => (r, i)).FirstOrDefault(p => p.r.Stage == ValidationStage.Judge);
            var name = judge.r is null ? "validation" : testCase.RuleNames[judge.i];
            failures.AddRange(errors.Select(e => new RuleFailure(name, settings.Redactor.Redact(e))));
        }

        return failures;
    }

    private static string Prompt(TestCase testCase)
    {
        var text = new StringBuilder();
        foreach (var message in testCase.Messages)
        {
            text.Append('[').Append(message.Role.Value).Append("] ").Append(message.Text);
            foreach (var image in message.Images)
            {
                text.Append(" [image: ").Append(image).Append(']');
            }

            text.Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private double Elapsed(long started) => Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 2);
}
