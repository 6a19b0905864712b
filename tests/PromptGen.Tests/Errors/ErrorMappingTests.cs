using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using PromptGen.Testing;

namespace PromptGen.Tests.Errors;

/// <summary>Each provider failure becomes the right typed error, with exactly one request per attempt (SDK retries off).</summary>
public class ErrorMappingTests
{
    private static readonly ChatMessage[] s_hi = [new(ChatRole.User, "hi")];

    public static TheoryData<string, SimulatorFault, Type, int?> Faults()
    {
        var data = new TheoryData<string, SimulatorFault, Type, int?>();
        foreach (var model in new[] { "openai/gpt-4o-mini", "anthropic/claude-haiku-4-5" })
        {
            data.Add(model, SimulatorFault.BadRequest, typeof(BadRequestException), 400);
            data.Add(model, SimulatorFault.Unauthorized, typeof(AuthenticationFailedException), 401);
            data.Add(model, SimulatorFault.RateLimited, typeof(RateLimitedException), 429);
            data.Add(model, SimulatorFault.ServerError, typeof(ProviderUnavailableException), 500);
            data.Add(model, SimulatorFault.ServiceUnavailable, typeof(ProviderUnavailableException), 503);
            data.Add(model, SimulatorFault.MalformedJson, typeof(InvalidProviderResponseException), null);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Fault_maps_to_typed_error_after_exactly_one_request(string model, SimulatorFault fault, Type expected, int? status)
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Fault(fault);

        var error = await Assert.ThrowsAnyAsync<PromptGenException>(() => host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = model }));

        Assert.IsType(expected, error);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(ModelId.Parse(model).Canonical, error.ModelId);
        Assert.Contains(model, error.Message, StringComparison.Ordinal);
        Assert.Single(host.Simulator.Requests);
        var attempt = Assert.Single(error.Trace.Attempts);
        Assert.Equal(error.Kind, attempt.ErrorKind);
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData("anthropic/claude-haiku-4-5")]
    public async Task Rate_limit_carries_retry_after(string model)
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Fault(SimulatorFault.RateLimited, TimeSpan.FromSeconds(7));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = model }));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.Contains("asked to wait 7 s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData("anthropic/claude-haiku-4-5")]
    public async Task Hanging_provider_times_out_on_the_attempt_timeout(string model)
    {
        var time = new FakeTimeProvider();
        await using var host = await TestHost.StartAsync(time: time, configure: o =>
        {
            o.Provider("openai").Timeout = TimeSpan.FromSeconds(30);
            o.Provider("anthropic").Timeout = TimeSpan.FromSeconds(30);
        });
        host.Simulator.Script.Always().Fault(SimulatorFault.Hang);

        var call = host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = model });
        await host.Simulator.WaitForRequestAsync(r => r.Method == "POST");
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<PromptTimeoutException>(() => call);
        Assert.Contains("within 30 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("Timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_a_timeout()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Fault(SimulatorFault.Hang);
        using var cancel = new CancellationTokenSource();

        var call = host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini" }, cancel.Token);
        await host.Simulator.WaitForRequestAsync(r => r.Method == "POST");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Connection_refused_is_unavailable_and_names_the_endpoint()
    {
        await using var host = await TestHost.StartAsync(o => o.Provider("openai").BaseUrl = "http://127.0.0.1:1/v1");

        var error = await Assert.ThrowsAsync<ProviderUnavailableException>(() => host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini" }));

        Assert.Contains("http://127.0.0.1:1/v1/", error.Message, StringComparison.Ordinal);
        Assert.Contains("base URL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData("anthropic/claude-haiku-4-5")]
    public async Task Stream_cut_mid_way_is_unavailable(string model)
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Fault(SimulatorFault.StreamCut);

        var error = await Assert.ThrowsAnyAsync<PromptGenException>(async () =>
        {
            await foreach (var _ in host.Router.GetStreamingResponseAsync(s_hi, new PromptCallOptions { Model = model }))
            {
            }
        });

        Assert.Contains(error.Kind, new[] { PromptErrorKind.Unavailable, PromptErrorKind.InvalidResponse });
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData("anthropic/claude-haiku-4-5")]
    public async Task Content_filter_is_its_own_error(string model)
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Fault(SimulatorFault.ContentFiltered);

        var error = await Assert.ThrowsAsync<ContentFilteredException>(() => host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = model }));

        Assert.False(error.IsTransient);
    }
}
