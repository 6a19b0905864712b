using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Testing;

namespace PromptGen.Tests.Resilience;

public class DebugModeTests
{
    [Fact]
    public async Task Debug_timeline_records_requests_answers_retry_decisions_and_fallbacks()
    {
        var time = new FakeClock();
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 1, UseJitter = false }, new CircuitBreakerOptions { MinimumThroughput = 2 });
        host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.ServiceUnavailable);
        host.Simulator.Script.When(model: "claude-haiku-4-5").Reply("from the fallback");
        var backoff = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(1));

        var call = host.Router.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Where is Paris?")],
            new PromptCallOptions { Model = "openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"], Debug = true });
        await time.AdvanceWhenWaitingAsync(backoff);
        var trace = (await call).Trace;

        Assert.Equal(
            [DebugEventKind.Request, DebugEventKind.Error, DebugEventKind.RetryScheduled, DebugEventKind.Request, DebugEventKind.Error,
             DebugEventKind.CircuitTransition, DebugEventKind.RetryStopped, DebugEventKind.Fallback, DebugEventKind.Request, DebugEventKind.Response],
            trace.DebugEvents.Select(e => e.Kind));
        Assert.Contains("[system] Be brief.\n[user] Where is Paris?", trace.DebugEvents[0].Detail, StringComparison.Ordinal);
        Assert.Contains("retry 1 of 1 in 1000 ms after Unavailable", trace.DebugEvents[2].Detail, StringComparison.Ordinal);
        Assert.Contains("circuit Closed → Open", trace.DebugEvents[5].Detail, StringComparison.Ordinal);
        Assert.Contains("from the fallback", trace.DebugEvents[^1].Detail, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), trace.DebugEvents[3].At - trace.DebugEvents[0].At);

        var timeline = trace.ToTimeline();
        Assert.Contains("+1.000s Request", timeline, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(trace.ToJson());
        Assert.Equal(3, json.RootElement.GetProperty("attempts").GetArrayLength());
        Assert.Equal("RetryScheduled", json.RootElement.GetProperty("debug")[2].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Debug_timeline_is_empty_unless_switched_on_and_never_holds_secrets()
    {
        await using var host = await TestHost.StartAsync(o => o.Retry = new RetryOptions { MaxRetries = 2 });
        host.Simulator.Script.Always().Fault(SimulatorFault.Unauthorized);

        var quiet = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = "openai/gpt-4o-mini" }));
        var debug = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = "openai/gpt-4o-mini", Debug = true }));

        Assert.Empty(quiet.Trace.DebugEvents);
        Assert.Contains(debug.Trace.DebugEvents, e => e.Kind == DebugEventKind.RetryStopped && e.Detail.Contains("AuthenticationFailed is not transient", StringComparison.Ordinal));
        Assert.DoesNotContain(TestHost.OpenAIKey, debug.Trace.ToTimeline(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestHost.OpenAIKey, debug.Trace.ToJson(), StringComparison.Ordinal);
    }
}
