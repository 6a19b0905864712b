using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using PromptGen.Generated;
using PromptGen.Testing;

namespace PromptGen.Tests.Resilience;

/// <summary>The breaker shared per route: opens on the threshold, short-circuits to the fallback, probes once when half-open.</summary>
public class CircuitBreakerTests
{
    private static readonly ChatMessage[] s_hi = [new(ChatRole.User, "hi")];

    private static readonly CircuitBreakerOptions s_breaker = new()
    {
        FailureRatio = 0.5,
        MinimumThroughput = 2,
        SamplingDuration = TimeSpan.FromSeconds(30),
        BreakDuration = TimeSpan.FromSeconds(30),
    };

    private static readonly PromptCallOptions s_withFallback = new() { Model = "openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"] };

    [Fact]
    public async Task Opens_after_the_threshold_then_skips_to_the_fallback_without_a_request()
    {
        await using var host = await StartAsync(new FakeTimeProvider());
        host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.ServiceUnavailable);

        await host.Router.GetResponseAsync(s_hi, s_withFallback);
        await host.Router.GetResponseAsync(s_hi, s_withFallback);
        Assert.Equal(CircuitStatus.Open, host.Router.GetCircuitStatus("openai/gpt-4o-mini"));
        host.Simulator.ClearRequests();

        var result = await host.Router.GetResponseAsync(s_hi, s_withFallback);

        Assert.Equal("anthropic/claude-haiku-4-5", result.ModelId);
        var skipped = result.Trace.Attempts[0];
        Assert.Equal((AttemptOutcome.Skipped, PromptErrorKind.CircuitOpen), (skipped.Outcome, skipped.ErrorKind));
        Assert.Contains("circuit for 'openai/gpt-4o-mini' is open", skipped.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("probe through in 30 s", skipped.ErrorMessage, StringComparison.Ordinal);
        Assert.All(host.Simulator.Requests, r => Assert.Equal("claude-haiku-4-5", r.Model));
    }

    [Fact]
    public async Task Half_open_probe_success_closes_the_circuit()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.ServiceUnavailable).Times(2);
        await host.Router.GetResponseAsync(s_hi, s_withFallback);
        await host.Router.GetResponseAsync(s_hi, s_withFallback);
        Assert.Equal(CircuitStatus.Open, host.Router.GetCircuitStatus("openai/gpt-4o-mini"));

        time.Advance(TimeSpan.FromSeconds(30));
        var probe = await host.Router.GetResponseAsync(s_hi, s_withFallback);

        Assert.Equal("openai/gpt-4o-mini", probe.ModelId);
        Assert.Equal(CircuitStatus.Closed, host.Router.GetCircuitStatus("openai/gpt-4o-mini"));
    }

    [Fact]
    public async Task Half_open_probe_failure_opens_the_circuit_again()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.ServiceUnavailable);
        await host.Router.GetResponseAsync(s_hi, s_withFallback);
        await host.Router.GetResponseAsync(s_hi, s_withFallback);

        time.Advance(TimeSpan.FromSeconds(30));
        var probe = await host.Router.GetResponseAsync(s_hi, s_withFallback);

        Assert.Equal(AttemptOutcome.Failed, probe.Trace.Attempts[0].Outcome);
        Assert.Equal(CircuitStatus.Open, host.Router.GetCircuitStatus("openai/gpt-4o-mini"));
    }

    [Fact]
    public async Task Half_open_lets_exactly_one_probe_through_concurrent_callers()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time);
        host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.ServiceUnavailable).Times(2);
        host.Simulator.Script.When(model: "gpt-4o-mini").Reply("slow probe").WithLatency(TimeSpan.FromSeconds(5));
        await host.Router.GetResponseAsync(s_hi, s_withFallback);
        await host.Router.GetResponseAsync(s_hi, s_withFallback);
        time.Advance(TimeSpan.FromSeconds(30));
        host.Simulator.ClearRequests();

        var probe = host.Router.GetResponseAsync(s_hi, s_withFallback);
        await host.Simulator.WaitForRequestAsync(r => r.Model == "gpt-4o-mini");
        var second = await host.Router.GetResponseAsync(s_hi, s_withFallback);
        Assert.Equal("anthropic/claude-haiku-4-5", second.ModelId);
        Assert.Equal(AttemptOutcome.Skipped, second.Trace.Attempts[0].Outcome);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("slow probe", (await probe).Value.Text);
        Assert.Single(host.Simulator.Requests, r => r.Model == "gpt-4o-mini");
    }

    [Fact]
    public async Task The_breaker_is_shared_by_every_caller_and_client_instance_of_the_route()
    {
        await using var host = await StartAsync(new FakeTimeProvider());
        host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.ServiceUnavailable);
        var first = new PromptExecutor(host.Router);
        var second = new PromptExecutor(host.Router);
        var descriptor = new PromptDescriptor("IClient", "AskAsync") { Model = "openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"] };

        await Task.WhenAll(
            first.GetTextAsync(descriptor, s_hi, CancellationToken.None).AsTask(),
            first.GetTextAsync(descriptor, s_hi, CancellationToken.None).AsTask());
        host.Simulator.ClearRequests();
        var result = await second.GetTextAsync(descriptor, s_hi, CancellationToken.None);

        Assert.Equal("anthropic/claude-haiku-4-5", result.ModelId);
        Assert.DoesNotContain(host.Simulator.Requests, r => r.Model == "gpt-4o-mini");
    }

    [Fact]
    public async Task Permanent_errors_do_not_open_the_circuit()
    {
        await using var host = await StartAsync(new FakeTimeProvider());
        host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.BadRequest);

        for (var i = 0; i < 4; i++)
        {
            await host.Router.GetResponseAsync(s_hi, s_withFallback);
        }

        Assert.Equal(CircuitStatus.Closed, host.Router.GetCircuitStatus("openai/gpt-4o-mini"));
        Assert.Equal(4, host.Simulator.Requests.Count(r => r.Model == "gpt-4o-mini"));
    }

    [Fact]
    public void Invalid_breaker_settings_are_all_listed_together()
    {
        var errors = new CircuitBreakerOptions { FailureRatio = 0, MinimumThroughput = 1, BreakDuration = TimeSpan.Zero }.Validate();

        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public async Task Per_call_settings_get_their_own_shared_breaker_and_leave_the_configured_one_alone()
    {
        await using var host = await RetryTests.StartAsync(new FakeTimeProvider(), new RetryOptions { MaxRetries = 0 }, s_breaker with { MinimumThroughput = 100 });
        host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.ServiceUnavailable);
        var strict = new PromptCallOptions { Model = "openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"], CircuitBreaker = s_breaker };

        await host.Router.GetResponseAsync(s_hi, strict);
        await host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"], CircuitBreaker = s_breaker with { } });
        host.Simulator.ClearRequests();

        // Two failures under the per-call settings (equal records share one breaker) opened it: no request to the primary.
        var skipped = await host.Router.GetResponseAsync(s_hi, strict);
        Assert.Equal(AttemptOutcome.Skipped, skipped.Trace.Attempts[0].Outcome);
        Assert.All(host.Simulator.Requests, r => Assert.Equal("claude-haiku-4-5", r.Model));

        // The configured breaker (minimum throughput 100) saw none of that and still lets calls through.
        Assert.Equal(CircuitStatus.Closed, host.Router.GetCircuitStatus("openai/gpt-4o-mini"));
        var configured = await host.Router.GetResponseAsync(s_hi, s_withFallback);
        Assert.Equal(AttemptOutcome.Failed, configured.Trace.Attempts[0].Outcome);
    }

    private static Task<TestHost> StartAsync(FakeTimeProvider time) => RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 0 }, s_breaker);
}
