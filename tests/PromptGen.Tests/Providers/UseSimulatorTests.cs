using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PromptGen.Testing;

namespace PromptGen.Tests.Providers;

/// <summary>One call wires every provider to the simulator, in DI and in the options.</summary>
public class UseSimulatorTests
{
    [Fact]
    public async Task UseSimulator_on_the_builder_sends_openai_and_anthropic_to_the_simulator()
    {
        await using var simulator = await LlmSimulator.StartAsync();
        simulator.Script.When(model: "gpt-*").Reply("from openai");
        simulator.Script.When(model: "claude-*").Reply("from anthropic");
        var services = new ServiceCollection();
        services.AddPromptGen(configure: o => o.Retry = new RetryOptions { MaxRetries = 0 }).AddOpenAI().AddAnthropic().UseSimulator(simulator);
        await using var provider = services.BuildServiceProvider();
        var router = provider.GetRequiredService<PromptRouter>();

        var openai = await router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = "openai/gpt-4o-mini" });
        var anthropic = await router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = "anthropic/claude-haiku-4-5" });

        Assert.Equal("from openai", openai.Value.Text);
        Assert.Equal("from anthropic", anthropic.Value.Text);
        Assert.Equal([SimulatorProtocol.OpenAI, SimulatorProtocol.Anthropic], simulator.Requests.Select(r => r.Protocol));
        Assert.Equal("Bearer " + PromptGenSimulatorExtensions.ApiKey, simulator.Requests[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task UseSimulator_on_the_options_points_the_openai_compatible_providers_too()
    {
        await using var simulator = await LlmSimulator.StartAsync();
        var options = new PromptGenOptions().UseSimulator(simulator);

        foreach (var name in new[] { "openai", "ollama", "groq", "openrouter" })
        {
            Assert.Equal(simulator.OpenAIBaseUrl.ToString(), options.Provider(name).BaseUrl);
        }

        Assert.Equal(simulator.AnthropicBaseUrl.ToString(), options.Provider("anthropic").BaseUrl);
    }

}
