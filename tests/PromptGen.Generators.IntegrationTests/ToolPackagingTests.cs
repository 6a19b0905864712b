using System.Diagnostics;
using PromptGen.Testing;

namespace PromptGen.Generators.IntegrationTests;

/// <summary>
/// The CLI as a user installs it: pack the tool, <c>dotnet tool install --tool-path</c> it from a local feed, and run the
/// installed <c>promptgen</c> against the simulator.
/// </summary>
[Collection(DotnetCli.Collection)]
public sealed class ToolPackagingTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "promptgen-tool-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task The_installed_tool_asks_the_simulator()
    {
        var root = DotnetCli.RepoRoot();
        var feed = Path.Combine(_work, "feed");
        var tools = Path.Combine(_work, "tools");
        var version = "0.1.0-tooltest." + Guid.NewGuid().ToString("N")[..8];
        await DotnetCli.RunAsync(root, "pack", Path.Combine(root, "src/PromptGen.Cli/PromptGen.Cli.csproj"), "-c", "Release", "-o", feed, $"-p:Version={version}", "-nodeReuse:false");
        Directory.CreateDirectory(_work);
        await DotnetCli.RunAsync(_work, "tool", "install", "PromptGen.Cli", "--tool-path", tools, "--add-source", feed, "--version", version);

        await using var simulator = await LlmSimulator.StartAsync();
        simulator.Script.When(userContains: "capital of France").Reply("Paris.");
        var config = Path.Combine(_work, "promptgen.json");
        await File.WriteAllTextAsync(config, $$"""
            { "PromptGen": { "Providers": { "openai": { "BaseUrl": "{{simulator.OpenAIBaseUrl}}", "ApiKey": "sk-tool-test" } } } }
            """);

        var start = new ProcessStartInfo(Path.Combine(tools, "promptgen"), ["ask", "--config", config, "What is the capital of France?"])
        {
            WorkingDirectory = _work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"promptgen ask failed ({process.ExitCode}): {await stdout} {await stderr}");
        Assert.Equal("Paris.", (await stdout).Trim());
        Assert.Equal("What is the capital of France?", Assert.Single(simulator.Requests).LastUserText);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
