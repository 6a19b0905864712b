using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace PromptGen.Testing.Tests;

/// <summary>
/// The official OpenAI, Anthropic and Ollama JavaScript SDKs (npm, installed by the build: eng/JsSdks.targets) as
/// clients of the simulator: a chat, a stream, an error mapped to the SDK's own error class, and a cut stream whose
/// partial text arrives before the SDK's error.
/// </summary>
public sealed class JsSdkFidelityTests : IAsyncLifetime
{
    private static readonly string NodeModules = typeof(JsSdkFidelityTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "JsSdksNodeModules").Value!;

    private LlmSimulator _sim = null!;

    public async Task InitializeAsync()
    {
        _sim = await LlmSimulator.StartAsync();
        _sim.Script.When(userContains: "chat please").Reply("Hello from the simulator");
        _sim.Script.When(userContains: "stream please").Reply("one two three four");
        _sim.Script.When(userContains: "rate limit please").Fault(SimulatorFault.RateLimited);
        _sim.Script.When(userContains: "overloaded please").Fault(SimulatorFault.Overloaded);
        _sim.Script.When(userContains: "cut please").Reply("alpha beta gamma delta epsilon zeta eta theta").Fault(SimulatorFault.StreamCut);
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task OpenAI_sdk()
    {
        var result = await RunAsync("openai.cjs", _sim.OpenAIBaseUrl.ToString());

        Assert.Equal("Hello from the simulator", result.GetProperty("chat").GetString());
        Assert.Equal("stop", result.GetProperty("finish").GetString());
        Assert.Equal("one two three four", result.GetProperty("stream").GetString());
        Assert.Equal("RateLimitError", result.GetProperty("error").GetString());
        Assert.Equal(429, result.GetProperty("status").GetInt32());
        AssertCut(result);
    }

    [Fact]
    public async Task Anthropic_sdk()
    {
        var result = await RunAsync("anthropic.cjs", _sim.AnthropicBaseUrl.ToString().TrimEnd('/'));

        Assert.Equal("Hello from the simulator", result.GetProperty("chat").GetString());
        Assert.Equal("end_turn", result.GetProperty("finish").GetString());
        Assert.Equal("one two three four", result.GetProperty("stream").GetString());
        Assert.Equal("OverloadedError", result.GetProperty("error").GetString());
        Assert.Equal(529, result.GetProperty("status").GetInt32());
        AssertCut(result);
    }

    [Fact]
    public async Task Ollama_sdk()
    {
        var result = await RunAsync("ollama.cjs", _sim.OllamaBaseUrl.ToString().TrimEnd('/'));

        Assert.Equal("Hello from the simulator", result.GetProperty("chat").GetString());
        Assert.Equal("stop", result.GetProperty("finish").GetString());
        Assert.Equal("one two three four", result.GetProperty("stream").GetString());
        Assert.Equal("ResponseError", result.GetProperty("error").GetString());
        Assert.Equal(429, result.GetProperty("status").GetInt32());
        AssertCut(result);
    }

    /// <summary>The cut stream's first words reached the SDK, then the SDK failed (never a silent short answer).</summary>
    private static void AssertCut(JsonElement result)
    {
        Assert.StartsWith("alpha ", result.GetProperty("partial").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("theta", result.GetProperty("partial").GetString(), StringComparison.Ordinal);
        Assert.NotEqual("none", result.GetProperty("cutError").GetString());
    }

    private static async Task<JsonElement> RunAsync(string script, string baseUrl)
    {
        Assert.True(Directory.Exists(NodeModules), $"The JavaScript SDKs are not installed in {NodeModules}; build this test project (eng/JsSdks.targets runs npm install).");
        var start = new ProcessStartInfo("node", [Path.Combine(AppContext.BaseDirectory, "js", script), baseUrl])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NODE_PATH"] = NodeModules;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2), TimeProvider.System);
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;
        Assert.True(process.ExitCode == 0, $"node {script} failed ({process.ExitCode}): {text} {await error}");
        using var document = JsonDocument.Parse(text.Trim().Split('\n')[^1]);
        return document.RootElement.Clone();
    }
}
