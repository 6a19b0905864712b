using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using PromptGen.Testing;

namespace PromptGen.Tests.Resilience;

/// <summary>Transport retries on a fake clock: backoff, Retry-After, deadlines and cancellation.</summary>
public class RetryTests
{
    private static readonly ChatMessage[] s_hi = [new(ChatRole.User, "hi")];

    [Theory]
    [InlineData(0, 1.0, 750, 1250)]
    [InlineData(1, 2.0, 1500, 2500)]
    [InlineData(2, 4.0, 3000, 5000)]
    [InlineData(6, 30.0, 30000, 30000)]
    public void Backoff_doubles_within_jitter_bounds_and_is_capped(int retry, double exact, double min, double max)
    {
        var jittered = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) };
        var plain = jittered with { UseJitter = false };

        Assert.Equal(TimeSpan.FromSeconds(Math.Min(exact, 30)), plain.Backoff(retry, 0.5));
        Assert.Equal(min, jittered.Backoff(retry, 0).TotalMilliseconds, 3);
        Assert.Equal(max, jittered.Backoff(retry, 1).TotalMilliseconds, 3);
        for (var i = 0; i < 100; i++)
        {
            Assert.InRange(jittered.Backoff(retry, Random.Shared.NextDouble()).TotalMilliseconds, min, max);
        }
    }

    [Fact]
    public void Invalid_retry_settings_are_all_listed_together()
    {
        var errors = new RetryOptions { MaxRetries = -1, BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(1) }.Validate();

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("MaxRetries is -1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("shorter than Retry.BaseDelay", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData("anthropic/claude-haiku-4-5")]
    [InlineData("ollama/llama3.2")]
    public async Task Transient_failures_are_retried_with_exponential_backoff(string model)
    {
        var time = new FakeClock();
        await using var host = await StartAsync(time, new RetryOptions { MaxRetries = 3, UseJitter = false });
        host.Simulator.Script.Always().Fault(SimulatorFault.ServiceUnavailable).Times(2);
        host.Simulator.Script.Always().Reply("third time lucky");
        var first = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(1));

        var call = host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = model });
        var second = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(2));
        await time.AdvanceWhenWaitingAsync(first);
        await time.AdvanceWhenWaitingAsync(second);
        var result = await call;

        Assert.Equal("third time lucky", result.Value.Text);
        Assert.Equal([AttemptKind.Primary, AttemptKind.Retry, AttemptKind.Retry], result.Trace.Attempts.Select(a => a.Kind));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], result.Trace.Attempts.Select(a => a.Delay));
        var arrivals = host.Simulator.Requests.Select(r => r.ReceivedAt).ToList();
        Assert.Equal(3, arrivals.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), arrivals[1] - arrivals[0]);
        Assert.Equal(TimeSpan.FromSeconds(2), arrivals[2] - arrivals[1]);
    }

    [Fact]
    public async Task Retry_after_is_honoured_and_never_undercut()
    {
        var time = new FakeClock();
        await using var host = await StartAsync(time, new RetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(100) });
        host.Simulator.Script.Always().Fault(SimulatorFault.RateLimited, TimeSpan.FromSeconds(5)).Times(1);
        var backoff = time.WaitForTimerAsync(d => d > TimeSpan.Zero && d < TimeSpan.FromSeconds(60));

        var call = host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini" });
        Assert.Equal(TimeSpan.FromSeconds(5), await backoff);
        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.Single(host.Simulator.Requests);
        time.Advance(TimeSpan.FromTicks(1));
        var result = await call;

        Assert.Equal(TimeSpan.FromSeconds(5), result.Trace.Attempts[1].Delay);
        var arrivals = host.Simulator.Requests.Select(r => r.ReceivedAt).ToList();
        Assert.True(arrivals[1] - arrivals[0] >= TimeSpan.FromSeconds(5), $"The retry started {arrivals[1] - arrivals[0]} after the 429, before Retry-After allowed.");
    }

    [Fact]
    public async Task Retry_after_beyond_the_deadline_falls_back_at_once()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time, new RetryOptions { MaxRetries = 3 });
        host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.RateLimited, TimeSpan.FromSeconds(60));
        host.Simulator.Script.When(model: "claude-haiku-4-5").Reply("fallback answered");

        var result = await host.Router.GetResponseAsync(s_hi, new PromptCallOptions
        {
            Model = "openai/gpt-4o-mini",
            Fallbacks = ["anthropic/claude-haiku-4-5"],
            TotalTimeout = TimeSpan.FromSeconds(20),
        });

        Assert.Equal("fallback answered", result.Value.Text);
        Assert.Equal([AttemptKind.Primary, AttemptKind.Fallback], result.Trace.Attempts.Select(a => a.Kind));
        Assert.Equal(PromptErrorKind.RateLimited, result.Trace.Attempts[0].ErrorKind);
        Assert.Equal(host.Simulator.Requests[0].ReceivedAt, host.Simulator.Requests[1].ReceivedAt);
    }

    [Theory]
    [InlineData(SimulatorFault.BadRequest)]
    [InlineData(SimulatorFault.Unauthorized)]
    [InlineData(SimulatorFault.ContentFiltered)]
    public async Task Permanent_errors_are_never_retried(SimulatorFault fault)
    {
        await using var host = await StartAsync(new FakeTimeProvider(), new RetryOptions { MaxRetries = 3 });
        host.Simulator.Script.Always().Fault(fault);

        var error = await Assert.ThrowsAnyAsync<PromptGenException>(() => host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini" }));

        Assert.False(error.IsTransient);
        Assert.Single(host.Simulator.Requests);
    }

    [Fact]
    public async Task Exhausted_retries_report_every_attempt_and_the_last_error()
    {
        var time = new FakeClock();
        await using var host = await StartAsync(time, new RetryOptions { MaxRetries = 2, UseJitter = false });
        host.Simulator.Script.Always().Fault(SimulatorFault.ServerError);
        var first = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(1));

        var call = host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "anthropic/claude-haiku-4-5" });
        var second = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(2));
        await time.AdvanceWhenWaitingAsync(first);
        await time.AdvanceWhenWaitingAsync(second);

        var error = await Assert.ThrowsAsync<ProviderUnavailableException>(() => call);
        Assert.Equal(3, host.Simulator.Requests.Count);
        Assert.Equal(3, error.Trace.Attempts.Count);
        Assert.Equal(2, error.Trace.Retries);
    }

    [Fact]
    public async Task Cancellation_during_a_backoff_wait_stops_at_once()
    {
        var time = new FakeTimeProvider();
        await using var host = await StartAsync(time, new RetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.FromSeconds(10) });
        host.Simulator.Script.Always().Fault(SimulatorFault.ServiceUnavailable);
        using var cancel = new CancellationTokenSource();

        var call = host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini" }, cancel.Token);
        await host.Logs.WaitForAsync(l => l.Contains("Retrying openai/gpt-4o-mini", StringComparison.Ordinal));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(host.Simulator.Requests);
    }

    [Fact]
    public async Task Deadline_during_a_backoff_wait_is_a_timeout()
    {
        var time = new FakeClock();
        await using var host = await StartAsync(time, new RetryOptions { MaxRetries = 5, BaseDelay = TimeSpan.FromSeconds(4), UseJitter = false });
        host.Simulator.Script.Always().Fault(SimulatorFault.ServiceUnavailable);
        var first = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(4));

        var call = host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini", TotalTimeout = TimeSpan.FromSeconds(10) });
        await time.AdvanceWhenWaitingAsync(first);

        // The second retry would wait 8 s and end past the 10 s deadline, so the call stops at once.
        var error = await Assert.ThrowsAsync<ProviderUnavailableException>(() => call);
        Assert.Equal(2, host.Simulator.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(4), time.GetUtcNow() - host.Simulator.Requests[0].ReceivedAt);
    }

    internal static Task<TestHost> StartAsync(TimeProvider time, RetryOptions retry, CircuitBreakerOptions? breaker = null) =>
        TestHost.StartAsync(time: time, configure: o =>
        {
            o.Retry = retry;
            o.CircuitBreaker = breaker ?? o.CircuitBreaker;
            o.Provider("ollama").BaseUrl = o.Providers["openai"].BaseUrl;
        });
}
