using Microsoft.Extensions.AI;
using PromptGen.Testing;

namespace PromptGen.Tests.Errors;

/// <summary>The simulator echoes the API key in its 401 body; PromptGen must never pass it on.</summary>
public class SecretRedactionTests
{
    [Theory]
    [InlineData("openai/gpt-4o-mini", TestHost.OpenAIKey)]
    [InlineData("anthropic/claude-haiku-4-5", TestHost.AnthropicKey)]
    public async Task Planted_key_never_appears_in_exceptions_traces_logs_or_activities(string model, string key)
    {
        using var activities = new Telemetry.ActivityCollector();
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Fault(SimulatorFault.Unauthorized);

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = model }));

        Assert.Contains(key, host.Simulator.Requests[0].Body + string.Join(' ', host.Simulator.Requests[0].Headers.Values), StringComparison.Ordinal);
        Assert.DoesNotContain(key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, error.Trace.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, string.Join('\n', host.Logs.Lines), StringComparison.Ordinal);
        var telemetry = activities.Stopped.SelectMany(a => a.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(a.StatusDescription));
        Assert.NotEmpty(activities.Stopped);
        Assert.DoesNotContain(key, string.Join('\n', telemetry), StringComparison.Ordinal);

        Assert.Contains(Secret.Redacted, error.Message, StringComparison.Ordinal);
        Assert.Contains("rejected the credentials", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(host.Logs.Lines);
    }

    [Fact]
    public void Secret_never_formats_its_value()
    {
        var secret = new Secret("sk-live-abcdef123456");

        Assert.Equal("***", secret.ToString());
        Assert.Equal("***", $"{secret}");
        Assert.Equal("sk-live-abcdef123456", secret.Reveal());
    }

    [Fact]
    public void Resolved_endpoint_sources_never_hold_the_key()
    {
        using var router = Routing.EndpointResolutionTests.Create(new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-env-secret-value-1234" });

        var route = router.Resolve("openai/gpt-4o-mini");

        Assert.Equal("environment variable OPENAI_API_KEY", route.Endpoint.Sources["ApiKey"]);
        Assert.DoesNotContain("sk-env-secret-value-1234", string.Join(' ', route.Endpoint.Sources.Values) + route + route.Endpoint.ApiKey, StringComparison.Ordinal);
    }
}
