using System.Text;
using System.Text.Json;
using PromptGen.Generated;

namespace PromptGen.Evaluation;

internal sealed partial class CaseRunner
{
    /// <summary>
    /// Runs a <c>call</c> case: the generated method itself (its template, model chain, rules, schema and re-asks) with
    /// the suite's arguments, the run's model mapping on top, then the expectations on the typed result. A method's own
    /// rule failing after every re-ask is a FAIL; a provider error an ERROR.
    /// </summary>
    private async Task<CaseResult> RunCallAsync(TestCase testCase, TypedCall call, CaseResult result, DateTimeOffset startedAt, long started, CancellationToken cancellationToken)
    {
        var services = Services ?? throw new InvalidOperationException("The case runner has no services to call generated methods with.");
        using var scope = PromptCallScope.Begin(settings.MapModel);
        try
        {
            var value = await call.Method.Invoke(services, call.Arguments, cancellationToken).ConfigureAwait(false);
            result = Observed(result, scope);
            var json = call.Method.ResultToJson is { } toJson ? toJson(value) : JsonSerializer.SerializeToElement(value as string ?? string.Empty, TestJsonContext.Default.String);
            result = Measured(result, scope.Trace ?? new PromptTrace([]), startedAt, started) with { AnsweredBy = scope.ModelId, Response = settings.Redactor.Redact(scope.RawText ?? json.GetRawText()) };
            var broken = call.Expectations.Select(e => (Expectation: e, Problem: e.Check(json))).Where(e => e.Problem is not null).ToList();
            return broken.Count == 0
                ? result with { Outcome = Outcomes.Pass }
                : result with
                {
                    Outcome = Outcomes.Fail,
                    Reason = settings.Redactor.Redact(string.Join(" ", broken.Select(b => b.Problem))),
                    FailedRules = [.. broken.Select(b => new RuleFailure("expect " + b.Expectation, settings.Redactor.Redact(b.Problem!)))],
                };
        }
        catch (ResponseValidationException failure)
        {
            return Measured(Observed(result, scope), failure.Trace, startedAt, started) with
            {
                Outcome = Outcomes.Fail,
                Reason = settings.Redactor.Redact(string.Join(" ", failure.Errors)),
                AnsweredBy = failure.ModelId,
                Response = settings.Redactor.Redact(failure.RawText),
                FailedRules = [.. failure.Errors.Select(e => new RuleFailure(call.Method.Key + " rules", settings.Redactor.Redact(e)))],
            };
        }
        catch (PromptGenException error)
        {
            return Measured(Observed(result, scope), error.Trace, startedAt, started) with { Outcome = Outcomes.Error, Reason = settings.Redactor.Redact($"{error.Kind}: {error.Message}") };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any other failure is this case's ERROR; the run goes on.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return Observed(result, scope) with { Outcome = Outcomes.Error, Reason = settings.Redactor.Redact($"{error.GetType().Name}: {error.Message}"), LatencyMs = Elapsed(started) };
        }
    }

    /// <summary>The prompt the generated code rendered, and the model it was sent to.</summary>
    private CaseResult Observed(CaseResult result, PromptCallScope scope)
    {
        if (scope.Messages is not { } messages)
        {
            return result;
        }

        var text = new StringBuilder();
        foreach (var message in messages)
        {
            text.Append('[').Append(message.Role.Value).Append("] ").Append(message.Text).Append('\n');
        }

        return result with { Prompt = settings.Redactor.Redact(text.ToString().TrimEnd('\n')) };
    }
}
