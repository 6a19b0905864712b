using Microsoft.Extensions.AI;
using PromptGen.Testing;

namespace PromptGen.Tests.Routing;

public class FallbackTests
{
    private static readonly ChatMessage[] s_hi = [new(ChatRole.User, "hi")];

    [Fact]
    public async Task Primary_503_falls_back_to_the_secondary_and_both_attempts_are_traced()
    {
        await using var host = await TestHost.StartAsync(o => o.Fallbacks["openai/gpt-4o-mini"] = ["anthropic/claude-haiku-4-5"]);
        host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.ServiceUnavailable);
        host.Simulator.Script.When(model: "claude-haiku-4-5").Reply("from the fallback");

        var result = await host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini" });

        Assert.Equal("from the fallback", result.Value.Text);
        Assert.Equal("anthropic/claude-haiku-4-5", result.ModelId);
        Assert.Collection(
            result.Trace.Attempts,
            first =>
            {
                Assert.Equal(("openai/gpt-4o-mini", AttemptKind.Primary, AttemptOutcome.Failed), (first.ModelId, first.Kind, first.Outcome));
                Assert.Equal(PromptErrorKind.Unavailable, first.ErrorKind);
                Assert.Equal(503, first.StatusCode);
            },
            second => Assert.Equal(("anthropic/claude-haiku-4-5", AttemptKind.Fallback, AttemptOutcome.Succeeded), (second.ModelId, second.Kind, second.Outcome)));
        Assert.Equal(1, result.Trace.Fallbacks);
        Assert.Equal(2, host.Simulator.Requests.Count);
    }

    [Fact]
    public async Task When_every_route_fails_the_primary_error_is_thrown_with_the_others_attached()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.Unauthorized);
        host.Simulator.Script.When(model: "claude-haiku-4-5").Fault(SimulatorFault.ServerError);

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => host.Router.GetResponseAsync(
            s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"] }));

        Assert.Equal("openai/gpt-4o-mini", error.ModelId);
        var fallback = Assert.Single(error.FallbackFailures);
        Assert.IsType<ProviderUnavailableException>(fallback);
        Assert.Contains("Fallbacks also failed: 'anthropic/claude-haiku-4-5' (Unavailable)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Trace.Attempts.Count);
    }

    [Fact]
    public async Task Streaming_falls_back_before_the_first_token()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.When(model: "gpt-4o-mini").Fault(SimulatorFault.ServiceUnavailable);
        host.Simulator.Script.When(model: "claude-haiku-4-5").Reply("streamed by the fallback");

        var text = string.Concat(await host.Router.GetStreamingResponseAsync(
            s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini", Fallbacks = ["anthropic/claude-haiku-4-5"] }).Select(u => u.Text).ToListAsync());

        Assert.Equal("streamed by the fallback", text);
    }
}
