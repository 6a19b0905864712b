using System.Text;
using Microsoft.Extensions.AI;
using PromptGen.Testing;

namespace PromptGen.Tests.Resilience;

/// <summary>
/// Streaming and non-streaming calls side by side, over real HTTP against the simulator on a fake clock: both go through
/// the one pipeline, so every fault gets the same retries, breaker, deadline and fallback — and a streamed call never
/// retries once content has reached the caller.
/// </summary>
public class StreamingPipelineTests
{
    private static readonly ChatMessage[] s_hi = [new(ChatRole.User, "hi")];

    public static TheoryData<string, bool> Models()
    {
        var data = new TheoryData<string, bool>();
        foreach (var model in new[] { "openai/gpt-4o-mini", "anthropic/claude-haiku-4-5", "ollama/llama3.2" })
        {
            data.Add(model, false);
            data.Add(model, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Rate_limit_is_retried_after_retry_after_and_never_before(string model, bool stream)
    {
        var time = new FakeClock();
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(100) });
        host.Simulator.Script.Always().Fault(SimulatorFault.RateLimited, TimeSpan.FromSeconds(3)).Times(1);
        host.Simulator.Script.Always().Reply("after the wait");
        var backoff = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(3));

        var call = CallAsync(host, stream, new PromptCallOptions { Model = model });
        await backoff;
        time.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
        Assert.Single(host.Simulator.Requests);
        time.Advance(TimeSpan.FromTicks(1));
        var (text, trace) = await call;

        Assert.Equal("after the wait", text);
        Assert.Equal(2, host.Simulator.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), host.Simulator.Requests[1].ReceivedAt - host.Simulator.Requests[0].ReceivedAt);
        Assert.Equal([AttemptKind.Primary, AttemptKind.Retry], trace.Attempts.Select(a => a.Kind));
        Assert.All(host.Simulator.Requests, r => Assert.Equal(stream, r.Stream));
        if (stream)
        {
            Assert.NotNull(trace.Attempts[^1].TimeToFirstToken);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Server_errors_are_retried_with_backoff(string model, bool stream)
    {
        var time = new FakeClock();
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 3, UseJitter = false });
        host.Simulator.Script.Always().Fault(SimulatorFault.ServerError).Times(1);
        host.Simulator.Script.Always().Fault(SimulatorFault.ServiceUnavailable).Times(1);
        host.Simulator.Script.Always().Fault(SimulatorFault.Overloaded).Times(1);
        host.Simulator.Script.Always().Reply("fourth time");
        var first = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(1));

        var call = CallAsync(host, stream, new PromptCallOptions { Model = model });
        var second = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(2));
        await time.AdvanceWhenWaitingAsync(first);
        var third = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(4));
        await time.AdvanceWhenWaitingAsync(second);
        await time.AdvanceWhenWaitingAsync(third);
        var (text, trace) = await call;

        Assert.Equal("fourth time", text);
        Assert.Equal(4, host.Simulator.Requests.Count);
        Assert.Equal([500, 503, 529, null], trace.Attempts.Select(a => a.StatusCode));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Authentication_and_bad_requests_are_never_retried(string model, bool stream)
    {
        var time = new FakeClock();
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 3 });
        host.Simulator.Script.Always().Fault(SimulatorFault.Unauthorized).Times(1);
        host.Simulator.Script.Always().Fault(SimulatorFault.BadRequest).Times(1);

        var unauthorized = await Assert.ThrowsAsync<AuthenticationFailedException>(() => CallAsync(host, stream, new PromptCallOptions { Model = model }));
        var bad = await Assert.ThrowsAsync<BadRequestException>(() => CallAsync(host, stream, new PromptCallOptions { Model = model }));

        Assert.Equal(2, host.Simulator.Requests.Count);
        Assert.Single(unauthorized.Trace.Attempts);
        Assert.Single(bad.Trace.Attempts);
        Assert.DoesNotContain(TestHost.OpenAIKey, unauthorized.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestHost.AnthropicKey, unauthorized.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Malformed_body_is_retried_then_falls_back(string model, bool stream)
    {
        var time = new FakeClock();
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 0 });
        host.Simulator.Script.When(model: ModelId.Parse(model).Model).Fault(SimulatorFault.MalformedJson);
        host.Simulator.Script.Always().Reply("from the fallback");

        var (text, trace) = await CallAsync(host, stream, new PromptCallOptions { Model = model, Fallbacks = ["openai/fallback-model"] });

        Assert.Equal("from the fallback", text);
        Assert.Equal(2, host.Simulator.Requests.Count);
        Assert.Equal(PromptErrorKind.InvalidResponse, trace.Attempts[0].ErrorKind);
        Assert.Equal("openai/fallback-model", trace.Attempts[1].ModelId);
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData("anthropic/claude-haiku-4-5")]
    [InlineData("ollama/llama3.2")]
    public async Task A_stream_cut_after_content_ends_with_a_typed_error_and_is_not_retried(string model)
    {
        var time = new FakeClock();
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 3 });

        // Two text deltas, 7 s apart on the fake clock, then the connection drops when the next one is due.
        host.Simulator.Script.Always().Fault(SimulatorFault.StreamCut).WithTokenInterval(TimeSpan.FromSeconds(7)).Times(1);
        host.Simulator.Script.Always().Reply("never sent");
        var secondDelta = time.WaitForTimersAsync(d => d == TimeSpan.FromSeconds(7), 1);
        var cut = time.WaitForTimersAsync(d => d == TimeSpan.FromSeconds(7), 2);
        var received = new List<string>();
        var first = new TaskCompletionSource();

        var stream = host.Router.GetStreamingResponseAsync(s_hi, new PromptCallOptions { Model = model, Fallbacks = ["openai/fallback-model"] });
        var reading = Task.Run(async () =>
        {
            await foreach (var update in stream)
            {
                if (update.Text is { Length: > 0 } text)
                {
                    received.Add(text);
                    first.TrySetResult();
                }
            }
        });
        await first.Task;
        await time.AdvanceWhenWaitingAsync(secondDelta);
        await time.AdvanceWhenWaitingAsync(cut);
        var error = await Assert.ThrowsAsync<ProviderUnavailableException>(() => reading);

        Assert.NotEmpty(received);
        Assert.Single(host.Simulator.Requests);
        var attempt = Assert.Single(error.Trace.Attempts);
        Assert.Equal(AttemptOutcome.Failed, attempt.Outcome);
        Assert.NotNull(attempt.TimeToFirstToken);
        Assert.Same(error, await Assert.ThrowsAsync<ProviderUnavailableException>(() => stream.Completion));
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData("anthropic/claude-haiku-4-5")]
    [InlineData("ollama/llama3.2")]
    public async Task A_stream_cut_before_the_call_streams_is_retried_for_a_plain_call(string model)
    {
        var time = new FakeClock();
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 1, UseJitter = false });
        host.Simulator.Script.Always().Fault(SimulatorFault.StreamCut).Times(1);
        host.Simulator.Script.Always().Reply("whole");
        var backoff = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(1));

        var call = CallAsync(host, stream: false, new PromptCallOptions { Model = model });
        await time.AdvanceWhenWaitingAsync(backoff);
        var (text, _) = await call;

        Assert.Equal("whole", text);
        Assert.Equal(2, host.Simulator.Requests.Count);
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData("anthropic/claude-haiku-4-5")]
    [InlineData("ollama/llama3.2")]
    public async Task A_hang_before_the_first_token_times_out_and_falls_back(string model)
    {
        var time = new FakeClock();
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 0 });
        host.Simulator.Script.When(model: ModelId.Parse(model).Model).Fault(SimulatorFault.Hang);
        host.Simulator.Script.Always().Reply("fallback answer");
        var watch = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(5));
        var arrived = host.Simulator.WaitForRequestAsync();

        var call = CallAsync(host, stream: true, new PromptCallOptions { Model = model, Fallbacks = ["openai/fallback-model"], FirstTokenTimeout = TimeSpan.FromSeconds(5) });
        await watch;
        await arrived;
        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.Single(host.Simulator.Requests);
        time.Advance(TimeSpan.FromTicks(1));
        var (text, trace) = await call;

        Assert.Equal("fallback answer", text);
        Assert.Equal(2, host.Simulator.Requests.Count);
        Assert.Equal(PromptErrorKind.Timeout, trace.Attempts[0].ErrorKind);
        Assert.Contains("first-token timeout", trace.Attempts[0].ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(AttemptKind.Fallback, trace.Attempts[1].Kind);
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData("anthropic/claude-haiku-4-5")]
    [InlineData("ollama/llama3.2")]
    public async Task A_stall_mid_stream_ends_with_the_idle_timeout(string model)
    {
        var time = new FakeClock();
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 3 });
        host.Simulator.Script.Always().Fault(SimulatorFault.StreamStall).Times(1);
        var received = new List<string>();
        var options = new PromptCallOptions { Model = model, FirstTokenTimeout = TimeSpan.FromSeconds(30), IdleTimeout = TimeSpan.FromSeconds(2) };

        // The simulator stalls after two text deltas. The idle watch runs from the moment the reader asks for the next
        // update (while the reader holds one, the attempt waits for it with its clock paused), so once the reader has
        // asked for the third, the watch is due two seconds from now.
        var stream = host.Router.GetStreamingResponseAsync(s_hi, options);
        await using var reader = stream.GetAsyncEnumerator();
        while (received.Count < 2 && await reader.MoveNextAsync())
        {
            if (reader.Current.Text is { Length: > 0 } text)
            {
                received.Add(text);
            }
        }

        var third = reader.MoveNextAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromTicks(1));
        var error = await Assert.ThrowsAsync<PromptTimeoutException>(() => third);

        Assert.Contains("idle timeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, received.Count);
        Assert.Single(host.Simulator.Requests);
        Assert.NotNull(Assert.Single(error.Trace.Attempts).TimeToFirstToken);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Streamed_and_plain_failures_open_the_same_breaker_which_then_short_circuits_streams(bool stream)
    {
        var time = new FakeClock();
        var breaker = new CircuitBreakerOptions { FailureRatio = 0.5, MinimumThroughput = 2, SamplingDuration = TimeSpan.FromSeconds(30), BreakDuration = TimeSpan.FromSeconds(30) };
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 0 }, breaker);
        host.Simulator.Script.Always().Fault(SimulatorFault.ServerError);
        var options = new PromptCallOptions { Model = "openai/gpt-4o-mini" };

        await Assert.ThrowsAsync<ProviderUnavailableException>(() => CallAsync(host, stream, options));
        await Assert.ThrowsAsync<ProviderUnavailableException>(() => CallAsync(host, !stream, options));
        var open = await Assert.ThrowsAsync<CircuitOpenException>(() => CallAsync(host, stream: true, options));

        Assert.Equal(2, host.Simulator.Requests.Count);
        Assert.Equal(AttemptOutcome.Skipped, Assert.Single(open.Trace.Attempts).Outcome);
        Assert.Equal(CircuitStatus.Open, host.Router.GetCircuitStatus("openai/gpt-4o-mini"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_total_deadline_bounds_a_call_that_hangs(bool stream)
    {
        var time = new FakeClock();
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 3 });
        host.Simulator.Script.Always().Fault(SimulatorFault.Hang);
        var deadline = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(8));
        var arrived = host.Simulator.WaitForRequestAsync();

        var call = CallAsync(host, stream, new PromptCallOptions { Model = "openai/gpt-4o-mini", TotalTimeout = TimeSpan.FromSeconds(8) });
        await arrived;
        await time.AdvanceWhenWaitingAsync(deadline);
        var error = await Assert.ThrowsAsync<PromptTimeoutException>(() => call);

        Assert.Contains("overall deadline", error.Message, StringComparison.Ordinal);
        Assert.Single(host.Simulator.Requests);
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData("anthropic/claude-haiku-4-5")]
    [InlineData("ollama/llama3.2")]
    public async Task A_slow_reader_is_not_a_stalled_model(string model)
    {
        var time = new FakeClock();
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 3 });
        host.Simulator.Script.Always().Reply("one two three four five six").WithTokenInterval(TimeSpan.FromSeconds(3));
        var options = new PromptCallOptions { Model = model, IdleTimeout = TimeSpan.FromSeconds(5), AttemptTimeout = TimeSpan.FromSeconds(20) };
        var secondDue = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(3));

        var stream = host.Router.GetStreamingResponseAsync(s_hi, options);
        await using var reader = stream.GetAsyncEnumerator();
        string? first = null;
        while (first is null && await reader.MoveNextAsync())
        {
            first = reader.Current.Text is { Length: > 0 } text ? text : null;
        }

        // The reader holds the first update for 60 s (longer than the idle watch and the attempt timeout), while the
        // simulator sends the second one. The attempt waits for the reader with its clock paused, so nothing times out.
        await secondDue;
        time.Advance(TimeSpan.FromSeconds(60));
        string? second = null;
        while (second is null && await reader.MoveNextAsync())
        {
            second = reader.Current.Text is { Length: > 0 } text ? text : null;
        }

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.StartsWith(first + second, "one two three four five six", StringComparison.Ordinal);
        Assert.Single(host.Simulator.Requests);
    }

    [Fact]
    public async Task A_stream_that_stops_being_read_cancels_the_call_and_its_completion()
    {
        var time = new FakeClock();
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 0 });
        host.Simulator.Script.Always().Reply("one two three four five six seven eight");

        var stream = host.Router.GetStreamingResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini" });
        await foreach (var update in stream)
        {
            if (update.Text is { Length: > 0 })
            {
                break;
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.Completion);
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var update in stream)
            {
                Assert.Fail("a stream is read once");
            }
        });
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData("anthropic/claude-haiku-4-5")]
    [InlineData("ollama/llama3.2")]
    public async Task A_stream_the_caller_cancels_mid_answer_throws_and_never_completes_as_a_truncated_success(string model)
    {
        var time = new FakeClock();
        await using var host = await RetryTests.StartAsync(time, new RetryOptions { MaxRetries = 3 });

        // The next delta is due in 7 s on a clock that never moves: the call is mid-answer when it is cancelled.
        host.Simulator.Script.Always().Reply("one two three four").WithTokenInterval(TimeSpan.FromSeconds(7));
        using var cancel = new CancellationTokenSource();
        var received = new List<string>();

        var stream = host.Router.GetStreamingResponseAsync(s_hi, new PromptCallOptions { Model = model, Fallbacks = ["openai/fallback-model"] }, cancel.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in stream)
            {
                if (update.Text is { Length: > 0 } text)
                {
                    received.Add(text);
                    await cancel.CancelAsync();
                }
            }
        });

        var completion = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.Completion);
        Assert.Equal(cancel.Token, completion.CancellationToken);
        Assert.Single(received);
        Assert.Single(host.Simulator.Requests);
        Assert.Equal(CircuitStatus.Closed, host.Router.GetCircuitStatus(model));
    }

    private static async Task<(string Text, PromptTrace Trace)> CallAsync(TestHost host, bool stream, PromptCallOptions options)
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
        Assert.Equal(text.ToString(), completion.Value);
        return (text.ToString(), completion.Trace);
    }
}
