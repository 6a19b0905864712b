using System.Text;
using Microsoft.Extensions.AI;
using PromptGen.Testing;

namespace PromptGen.Providers.ClaudeCode.Tests;

/// <summary>
/// <c>max/*</c> through the real <c>claude</c> CLI, streamed (stream-json) and not, side by side: both go through the one
/// call pipeline, so a failing CLI run is retried, short-circuited and timed out the same way either way.
/// </summary>
public class StreamingPipelineTests
{
    private static readonly ChatMessage[] s_hi = [new(ChatRole.User, "hi")];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Transient_api_errors_are_retried_streamed_or_not(bool stream)
    {
        var time = new FakeClock();
        await using var host = await ClaudeHost.StartAsync(time, promptGen: o => o.Retry = new RetryOptions { MaxRetries = 2, UseJitter = false });
        host.Simulator.Script.Always().Fault(SimulatorFault.ServerError).Times(1);
        host.Simulator.Script.Always().Fault(SimulatorFault.Overloaded).Times(1);
        host.Simulator.Script.Always().Reply("third run answered");
        var first = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(1));
        var second = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(2));

        var call = CallAsync(host, stream, new PromptCallOptions { Model = "max/sonnet" });
        await time.AdvanceWhenWaitingAsync(first);
        await time.AdvanceWhenWaitingAsync(second);
        var (text, trace) = await call;

        Assert.Equal("third run answered", text);
        Assert.Equal(3, host.Posts.Count());
        Assert.Equal([AttemptKind.Primary, AttemptKind.Retry, AttemptKind.Retry], trace.Attempts.Select(a => a.Kind));
        if (stream)
        {
            Assert.NotNull(trace.Attempts[^1].TimeToFirstToken);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Authentication_errors_are_not_retried_streamed_or_not(bool stream)
    {
        await using var host = await ClaudeHost.StartAsync(promptGen: o => o.Retry = new RetryOptions { MaxRetries = 3 });
        host.Simulator.Script.Always().Fault(SimulatorFault.Unauthorized);

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => CallAsync(host, stream, new PromptCallOptions { Model = "max/opus" }));

        Assert.Single(host.Posts);
        Assert.Single(error.Trace.Attempts);
        Assert.Equal("max/opus", error.ModelId);
    }

    [Fact]
    public async Task A_cli_that_sends_nothing_hits_the_first_token_timeout_and_falls_back()
    {
        var time = new FakeClock();
        await using var host = await ClaudeHost.StartAsync(time);
        host.Simulator.Script.Always().Fault(SimulatorFault.Hang).Times(1);
        host.Simulator.Script.Always().Reply("from the fallback");
        var watch = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(20));

        var call = CallAsync(host, stream: true, new PromptCallOptions { Model = "max/opus", Fallbacks = ["max/haiku"], FirstTokenTimeout = TimeSpan.FromSeconds(20) });
        await watch;
        await host.Simulator.WaitForRequestAsync(r => r.Method == "POST");
        time.Advance(TimeSpan.FromSeconds(20));
        var (text, trace) = await call;

        Assert.Equal("from the fallback", text);
        Assert.Equal(PromptErrorKind.Timeout, trace.Attempts[0].ErrorKind);
        Assert.Contains("first-token timeout", trace.Attempts[0].ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(["max/opus", "max/haiku"], trace.Attempts.Select(a => a.ModelId));
    }

    private static async Task<(string Text, PromptTrace Trace)> CallAsync(ClaudeHost host, bool stream, PromptCallOptions options)
    {
        if (!stream)
        {
            var result = await host.Router.GetResponseAsync(s_hi, options);
            return (result.Value.Text, result.Trace);
        }

        var text = new StringBuilder();
        var updates = host.Router.GetStreamingResponseAsync(s_hi, options);
        await foreach (var update in updates)
        {
            text.Append(update.Text);
        }

        var completion = await updates.Completion;
        return (text.ToString(), completion.Trace);
    }
}
