using Microsoft.Extensions.AI;
using PromptGen.Testing;

namespace PromptGen.Providers.ClaudeCode.Tests;

/// <summary>The real <c>claude</c> CLI from npm, talking to the simulator on loopback.</summary>
public class CliRoundTripTests
{
    [Fact]
    public async Task Max_opus_answers_through_the_real_cli_with_usage()
    {
        await using var host = await ClaudeHost.StartAsync();
        host.Simulator.Script.When(userContains: "capital of France").Reply("Paris").WithUsage(11, 7);

        var result = await host.Router.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You are terse."), new ChatMessage(ChatRole.User, "What is the capital of France?")],
            new PromptCallOptions { Model = "max/opus" });

        Assert.Equal("Paris", result.Value.Text);
        Assert.Equal("max/opus", result.ModelId);
        Assert.Equal(11, result.Usage!.InputTokenCount);
        Assert.Equal(7, result.Usage.OutputTokenCount);
        var request = Assert.Single(host.Posts);
        Assert.Equal(SimulatorProtocol.Anthropic, request.Protocol);
        Assert.Contains("opus", request.Model, StringComparison.Ordinal);
        Assert.Contains("You are terse.", request.SystemText, StringComparison.Ordinal);
        Assert.Equal("What is the capital of France?", request.LastUserText);
        Assert.Contains("\"tools\":[]", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Labels_are_mapped_and_history_is_kept()
    {
        await using var host = await ClaudeHost.StartAsync();

        await host.Router.GetResponseAsync(
            [
                new ChatMessage(ChatRole.User, "Remember the word 'tangerine'."),
                new ChatMessage(ChatRole.Assistant, "Noted: tangerine."),
                new ChatMessage(ChatRole.User, "Which word did I ask you to remember?"),
            ],
            new PromptCallOptions { Model = "max/text-general" });

        var request = Assert.Single(host.Posts);
        Assert.Contains("sonnet", request.Model, StringComparison.Ordinal);
        Assert.DoesNotContain("text-general", request.Model, StringComparison.Ordinal);
        Assert.Equal("Which word did I ask you to remember?", request.LastUserText);
        Assert.Contains("Remember the word 'tangerine'.", request.Body, StringComparison.Ordinal);
        Assert.Contains("Noted: tangerine.", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_reach_the_api_as_base64_blocks()
    {
        await using var host = await ClaudeHost.StartAsync();
        byte[] png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

        await host.Router.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new TextContent("What colour is this pixel?"), new DataContent(png, "image/png")])],
            new PromptCallOptions { Model = "opus" });

        var request = Assert.Single(host.Posts);
        Assert.Contains("\"media_type\":\"image/png\"", request.Body, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(png), request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_yields_text_deltas_then_usage()
    {
        await using var host = await ClaudeHost.StartAsync();
        host.Simulator.Script.Always().Reply("one two three").WithUsage(4, 3);

        var updates = await host.Router.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "count")], new PromptCallOptions { Model = "max/haiku" }).ToListAsync();

        Assert.Equal("one two three", string.Concat(updates.Select(u => u.Text)));
        Assert.Contains(updates, u => u.Contents.OfType<UsageContent>().Any(c => c.Details.OutputTokenCount == 3));
    }

    [Theory]
    [InlineData(SimulatorFault.RateLimited, typeof(RateLimitedException))]
    [InlineData(SimulatorFault.Unauthorized, typeof(AuthenticationFailedException))]
    [InlineData(SimulatorFault.ServerError, typeof(ProviderUnavailableException))]
    [InlineData(SimulatorFault.BadRequest, typeof(BadRequestException))]
    [InlineData(SimulatorFault.MalformedJson, typeof(InvalidProviderResponseException))]
    public async Task Api_errors_map_to_typed_errors_with_the_cli_retries_off(SimulatorFault fault, Type expected)
    {
        await using var host = await ClaudeHost.StartAsync();
        host.Simulator.Script.Always().Fault(fault);

        var error = await Assert.ThrowsAnyAsync<PromptGenException>(() =>
            host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = "max/opus" }));

        Assert.IsType(expected, error);
        Assert.Equal("max/opus", error.ModelId);
        Assert.Contains("Claude Code CLI reported", error.Message, StringComparison.Ordinal);
        Assert.InRange(host.Posts.Count(), 1, fault == SimulatorFault.MalformedJson ? 2 : 1);
    }

    [Fact]
    public async Task Transient_api_errors_are_retried_by_promptgen_not_by_the_cli()
    {
        var time = new FakeClock();
        await using var host = await ClaudeHost.StartAsync(time, promptGen: o => o.Retry = new RetryOptions { MaxRetries = 2, UseJitter = false });
        host.Simulator.Script.Always().Fault(SimulatorFault.ServerError).Times(2);
        host.Simulator.Script.Always().Reply("third run answered");
        var first = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(1));
        var second = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(2));

        var call = host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = "max/sonnet" });
        await time.AdvanceWhenWaitingAsync(first);
        await time.AdvanceWhenWaitingAsync(second);
        var result = await call;

        Assert.Equal("third run answered", result.Value.Text);
        Assert.Equal(3, host.Posts.Count());
        Assert.Equal([AttemptKind.Primary, AttemptKind.Retry, AttemptKind.Retry], result.Trace.Attempts.Select(a => a.Kind));
    }

    [Fact]
    public async Task Hanging_api_is_killed_on_the_attempt_timeout()
    {
        var time = new FakeClock();
        await using var host = await ClaudeHost.StartAsync(time, promptGen: o => o.Provider("max").Timeout = TimeSpan.FromSeconds(90));
        host.Simulator.Script.Always().Fault(SimulatorFault.Hang);

        var call = host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = "max/opus" });
        await host.Simulator.WaitForRequestAsync(r => r.Method == "POST");
        time.Advance(TimeSpan.FromSeconds(90));

        var error = await Assert.ThrowsAsync<PromptTimeoutException>(() => call);
        Assert.Contains("within 90 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, ClaudeCli.RunningProcesses());
    }

    [Fact]
    public async Task Cancelled_call_leaves_no_process_behind()
    {
        await using var host = await ClaudeHost.StartAsync();
        host.Simulator.Script.Always().Fault(SimulatorFault.Hang);
        using var cancel = new CancellationTokenSource();

        var call = host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = "max/opus" }, cancel.Token);
        await host.Simulator.WaitForRequestAsync(r => r.Method == "POST");
        Assert.Equal(1, ClaudeCli.RunningProcesses());
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(0, ClaudeCli.RunningProcesses());
    }

    [Fact]
    public async Task Concurrent_calls_respect_the_process_cap()
    {
        var time = new FakeClock();
        await using var host = await ClaudeHost.StartAsync(time, o => o.MaxConcurrentProcesses = 2);
        host.Simulator.Script.Always().Reply("done").WithLatency(TimeSpan.FromSeconds(10));
        var firstPair = WaitForLatencyTimersAsync(time, 2);

        var calls = Enumerable.Range(0, 4)
            .Select(i => host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, $"call {i}")], new PromptCallOptions { Model = "max/haiku" }))
            .ToList();
        await firstPair;
        Assert.Equal(2, host.Posts.Count());
        Assert.Equal(2, ClaudeCli.RunningProcesses());
        var secondPair = WaitForLatencyTimersAsync(time, 2);
        time.Advance(TimeSpan.FromSeconds(10));
        await secondPair;
        Assert.Equal(4, host.Posts.Count());
        Assert.Equal(2, ClaudeCli.RunningProcesses());
        time.Advance(TimeSpan.FromSeconds(10));

        var results = await Task.WhenAll(calls);
        Assert.All(results, r => Assert.Equal("done", r.Value.Text));
        Assert.Equal(0, ClaudeCli.RunningProcesses());
    }

    [Fact]
    public async Task Cli_without_credentials_says_how_to_log_in()
    {
        await using var host = await ClaudeHost.StartAsync(configure: o =>
        {
            o.Environment["ANTHROPIC_API_KEY"] = string.Empty;
            o.Environment["ANTHROPIC_AUTH_TOKEN"] = string.Empty;
        });

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = "max/opus" }));

        Assert.Contains("claude /login", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Posts);
    }

    [Fact]
    public async Task Missing_executable_says_how_to_install()
    {
        await using var host = await ClaudeHost.StartAsync(configure: o => o.ExecutablePath = "/nonexistent/claude");

        var error = await Assert.ThrowsAsync<PromptConfigurationException>(() =>
            host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = "max" }));

        Assert.Contains("npm install -g @anthropic-ai/claude-code", error.Message, StringComparison.Ordinal);
        Assert.Contains("PROMPTGEN_CLAUDE_PATH", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Posts);
    }

    /// <summary>Completes once the simulator holds <paramref name="count"/> requests in their 10 s latency.</summary>
    private static Task<TimeSpan> WaitForLatencyTimersAsync(FakeClock time, int count) =>
        time.WaitForTimersAsync(d => d == TimeSpan.FromSeconds(10), count);
}
