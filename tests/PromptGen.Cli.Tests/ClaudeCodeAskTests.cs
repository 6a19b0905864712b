using System.Reflection;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests;

/// <summary><c>promptgen ask --model max/sonnet</c> end to end: the tool, the real Claude Code CLI, the simulator.</summary>
public sealed class ClaudeCodeAskTests : IAsyncLifetime, IDisposable
{
    private static readonly string s_claude = typeof(ClaudeCodeAskTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ClaudeCliPath").Value!;

    private readonly CliRunner _cli = new();
    private LlmSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Ask_with_max_sonnet_runs_the_claude_cli_against_anthropic_base_url()
    {
        Assert.True(File.Exists(s_claude), $"The Claude Code CLI is not installed at {s_claude}; building the tests installs it with npm.");
        _simulator.Script.When(userContains: "capital of Italy").Reply("Rome.").WithUsage(20, 2);
        var home = Directory.CreateDirectory(Path.Combine(_cli.Directory, "home")).FullName;
        _cli.Environment["PROMPTGEN_CLAUDE_PATH"] = s_claude;
        _cli.Environment["ANTHROPIC_BASE_URL"] = _simulator.AnthropicBaseUrl.ToString().TrimEnd('/');
        _cli.Environment["ANTHROPIC_API_KEY"] = "sk-ant-cli-test";
        _cli.Environment["HOME"] = home;
        _cli.Environment["CLAUDE_CONFIG_DIR"] = Path.Combine(home, ".claude");

        var result = await _cli.RunAsync(["ask", "--model", "max/sonnet", "--system", "Answer with the city only.", "What is the capital of Italy?"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Rome." + Environment.NewLine, result.Out);
        Assert.Contains("answered by max/sonnet", result.Error, StringComparison.Ordinal);
        var request = Assert.Single(_simulator.Requests, r => r.Method == "POST");
        Assert.Contains("sonnet", request.Model, StringComparison.Ordinal);
        Assert.Contains("Answer with the city only.", request.SystemText, StringComparison.Ordinal);
        Assert.Equal("What is the capital of Italy?", request.LastUserText);
    }
}
