using Microsoft.Extensions.DependencyInjection;
using PromptGen.Testing;

namespace PromptGen.Generators.IntegrationTests;

/// <summary>The simulator on loopback and a service provider with PromptGen and the generated client registered.</summary>
internal sealed class Host : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private Host(LlmSimulator simulator, ServiceProvider services)
    {
        Simulator = simulator;
        _services = services;
    }

    public LlmSimulator Simulator { get; }

    public ITravelClient Client => _services.GetRequiredService<ITravelClient>();

    public IKnowledgeClient Knowledge => _services.GetRequiredService<IKnowledgeClient>();

    public IServiceProvider Services => _services;

    public static async Task<Host> StartAsync()
    {
        var simulator = await LlmSimulator.StartAsync();
        var services = new ServiceCollection();
        services.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = _ => null;
            o.Retry = new RetryOptions { MaxRetries = 0 };
            o.Provider("openai").BaseUrl = simulator.OpenAIBaseUrl.ToString();
            o.Provider("openai").ApiKey = "sk-test-integration";
            o.Provider("anthropic").BaseUrl = simulator.AnthropicBaseUrl.ToString();
            o.Provider("anthropic").ApiKey = "sk-ant-test-integration";
        }).AddOpenAI().AddAnthropic();
        services.AddPromptClient<ITravelClient>();
        services.AddPromptClient<IKnowledgeClient>();
        return new Host(simulator, services.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
