using Microsoft.Extensions.DependencyInjection;
using PromptGen.Testing;

namespace PromptGen.Samples.QuickStart.Tests;

/// <summary>One simulator (answering from the QuickStart's rules file) and PromptGen pointed at it, shared by the tests of a class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private LlmSimulator? _simulator;
    private ServiceProvider? _services;

    /// <summary>Gets the services with PromptGen on the simulator.</summary>
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The fixture is not started.");

    public async Task InitializeAsync()
    {
        var rules = SimulatorScript.LoadJson(Path.Combine(AppContext.BaseDirectory, "suites", "simulator-rules.json"));
        _simulator = await LlmSimulator.StartAsync(new LlmSimulatorOptions { Script = rules });
        var services = new ServiceCollection();
        services.AddPromptGen(configure: options => options.DefaultModel = "openai/gpt-4o-mini").AddOpenAI().UseSimulator(_simulator);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}
