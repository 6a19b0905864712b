using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PromptGen.Testing;

namespace PromptGen.Tests.Resilience;

/// <summary>Human escalation and llm_call's staged escalation, with every outcome applied.</summary>
public class EscalationTests
{
    private static readonly ChatMessage[] s_hi = [new(ChatRole.User, "Summarize the report")];

    [Fact]
    public async Task Handler_gets_the_prompt_and_the_attempt_log_and_can_supply_the_answer()
    {
        var handler = new ScriptedHandler(EscalationDecision.Supply("a human wrote this"));
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Fault(SimulatorFault.ServiceUnavailable);

        var result = await host.Router.GetResponseAsync(s_hi, new PromptCallOptions
        {
            Model = "openai/gpt-4o-mini",
            Fallbacks = ["anthropic/claude-haiku-4-5"],
            EscalationHandler = handler,
        });

        Assert.Equal("a human wrote this", result.Value.Text);
        Assert.Equal("escalation/handler", result.ModelId);
        var request = Assert.Single(handler.Requests);
        Assert.True(request.Exhausted);
        Assert.Equal("Summarize the report", request.Messages[^1].Text);
        Assert.Equal(2, request.Trace.Attempts.Count);
        Assert.IsType<ProviderUnavailableException>(request.LastError);
        Assert.Equal(AttemptKind.Escalation, result.Trace.Attempts[^1].Kind);
    }

    [Fact]
    public async Task Handler_can_retry_with_another_model()
    {
        var handler = new ScriptedHandler(EscalationDecision.RetryWithModel("anthropic/claude-sonnet-4-5"));
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.BadRequest);
        host.Simulator.Script.When(model: "claude-sonnet-4-5").Reply("the stronger model answered");

        var result = await host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini", EscalationHandler = handler });

        Assert.Equal("anthropic/claude-sonnet-4-5", result.ModelId);
        Assert.Equal([AttemptKind.Primary, AttemptKind.Escalation], result.Trace.Attempts.Select(a => a.Kind));
    }

    [Fact]
    public async Task Handler_can_retry_with_an_amended_prompt()
    {
        var amended = new[] { new ChatMessage(ChatRole.User, "Summarize the report in one short sentence") };
        var handler = new ScriptedHandler(EscalationDecision.RetryWithPrompt(amended));
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.When(userContains: "one short sentence").Reply("Short.");
        host.Simulator.Script.Always().Fault(SimulatorFault.ContentFiltered);

        var result = await host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini", EscalationHandler = handler });

        Assert.Equal("Short.", result.Value.Text);
        Assert.Equal("Summarize the report in one short sentence", host.Simulator.Requests[^1].LastUserText);
    }

    [Fact]
    public async Task Handler_can_fail_the_call_with_its_last_error_and_is_asked_once()
    {
        var handler = new ScriptedHandler(EscalationDecision.RetryWithModel("openai/gpt-4o"), EscalationDecision.Supply("never used"));
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Fault(SimulatorFault.Unauthorized);

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini", EscalationHandler = handler }));

        Assert.Single(handler.Requests);
        Assert.Equal(["openai/gpt-4o-mini", "openai/gpt-4o"], error.Trace.Attempts.Select(a => a.ModelId));
    }

    [Fact]
    public async Task Handler_registered_in_dependency_injection_is_used()
    {
        var handler = new ScriptedHandler(EscalationDecision.Fail());
        await using var host = await TestHost.StartAsync(services: s => s.AddSingleton<IEscalationHandler>(handler));
        host.Simulator.Script.Always().Fault(SimulatorFault.BadRequest);

        await Assert.ThrowsAsync<BadRequestException>(() => host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini" }));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Staged_escalation_switches_to_the_stronger_model_after_n_failures()
    {
        var time = new FakeClock();
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 5, UseJitter = false });
        host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.ServiceUnavailable);
        host.Simulator.Script.When(model: "claude-opus-4-1").Reply("opus answered");
        var backoff = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(1));

        var call = host.Router.GetResponseAsync(s_hi, new PromptCallOptions
        {
            Model = "openai/gpt-4o-mini",
            Fallbacks = ["ollama/llama3.2"],
            Escalation = new EscalationOptions { StrongerModel = "anthropic/claude-opus-4-1", SwitchModelAfter = 2 },
        });
        await time.AdvanceWhenWaitingAsync(backoff);
        var result = await call;

        Assert.Equal("anthropic/claude-opus-4-1", result.ModelId);
        Assert.Equal([AttemptKind.Primary, AttemptKind.Retry, AttemptKind.Escalation], result.Trace.Attempts.Select(a => a.Kind));
        Assert.Equal(2, host.Simulator.Requests.Count(r => r.Model == "gpt-4o-mini"));
    }

    [Fact]
    public async Task Staged_escalation_asks_the_handler_after_m_failures_before_the_fallbacks()
    {
        var handler = new ScriptedHandler(EscalationDecision.Supply("reviewed by a person"));
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Fault(SimulatorFault.ServiceUnavailable);

        var result = await host.Router.GetResponseAsync(s_hi, new PromptCallOptions
        {
            Model = "openai/gpt-4o-mini",
            Fallbacks = ["anthropic/claude-haiku-4-5", "ollama/llama3.2"],
            Escalation = new EscalationOptions { AskHumanAfter = 1 },
            EscalationHandler = handler,
        });

        Assert.Equal("reviewed by a person", result.Value.Text);
        Assert.False(Assert.Single(handler.Requests).Exhausted);
        Assert.Single(host.Simulator.Requests);
    }

    private sealed class ScriptedHandler(params EscalationDecision[] decisions) : IEscalationHandler
    {
        public List<EscalationRequest> Requests { get; } = [];

        public ValueTask<EscalationDecision> EscalateAsync(EscalationRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return ValueTask.FromResult(decisions[Math.Min(Requests.Count - 1, decisions.Length - 1)]);
        }
    }
}
