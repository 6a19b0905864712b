using Microsoft.Extensions.DependencyInjection;
using PromptGen.Testing;

namespace PromptGen.Providers.ClaudeCode.Tests;

/// <summary>The real CLI pointed at the simulator, with a private HOME and config directory per host.</summary>
internal sealed class ClaudeHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly DirectoryInfo _home;

    private ClaudeHost(LlmSimulator simulator, ServiceProvider services, DirectoryInfo home)
    {
        Simulator = simulator;
        _services = services;
        _home = home;
        Router = services.GetRequiredService<PromptRouter>();
    }

    public LlmSimulator Simulator { get; }

    public PromptRouter Router { get; }

    public IEnumerable<RecordedRequest> Posts => Simulator.Requests.Where(r => r.Method == "POST");

    public static async Task<ClaudeHost> StartAsync(TimeProvider? time = null, Action<ClaudeCodeOptions>? configure = null, Action<PromptGenOptions>? promptGen = null)
    {
        ClaudeCli.EnsureInstalled();
        var simulator = await LlmSimulator.StartAsync(new LlmSimulatorOptions { TimeProvider = time ?? TimeProvider.System });
        var home = Directory.CreateTempSubdirectory("promptgen-claude-home-");
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = _ => null;
            o.Retry = new RetryOptions { MaxRetries = 0 };
            promptGen?.Invoke(o);
        }).AddClaudeCode(o =>
        {
            o.ExecutablePath = ClaudeCli.Path;
            o.ConfigDirectory = Path.Combine(home.FullName, ".claude");
            o.Environment["HOME"] = home.FullName;
            o.Environment["ANTHROPIC_BASE_URL"] = simulator.AnthropicBaseUrl.ToString().TrimEnd('/');
            o.Environment["ANTHROPIC_API_KEY"] = "sk-ant-test-claude-cli";
            configure?.Invoke(o);
        });
        return new ClaudeHost(simulator, services.BuildServiceProvider(), home);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
        try
        {
            _home.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
