using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace PromptGen.Testing.Tests;

/// <summary>
/// The official OpenAI, Anthropic and Ollama JavaScript SDKs (npm, installed by the build: eng/JsSdks.targets) as
/// clients of the simulator: a chat, a stream, an error mapped to the SDK's own error class, a cut stream whose
/// partial text arrives before the SDK's error, an output-token limit read as the SDK's own "length" reason (JSON and
/// stream), OpenAI's <c>n</c>, and Anthropic's paged model list.
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
        _sim.Script.When(userContains: "long please").Reply(LongReply);

        // Three listed models for the Anthropic SDK's pager (limit 2: two pages); they answer nothing special.
        foreach (var model in new[] { "claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-1" })
        {
            _sim.Script.When(model: model, userContains: "never sent").Reply("-");
        }
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    // 59 characters, 15 estimated tokens: a limit of 5 keeps 59 * 5 / 15 = 19 characters.
    private const string LongReply = "The quick brown fox jumps over the lazy dog again and again";
    private const string FiveTokens = "The quick brown fox";

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
        AssertLength(result, "length");
        Assert.Equal(["0:Hello from the simulator", "1:Hello from the simulator", "2:Hello from the simulator"], result.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
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
        AssertLength(result, "max_tokens");
        var page = result.GetProperty("modelsFirstPage");
        Assert.Equal(["claude-haiku-4-5", "claude-sonnet-4-5"], page.GetProperty("ids").EnumerateArray().Select(i => i.GetString()));
        Assert.True(page.GetProperty("has_more").GetBoolean());
        Assert.Equal("claude-haiku-4-5", page.GetProperty("first_id").GetString());
        Assert.Equal("claude-sonnet-4-5", page.GetProperty("last_id").GetString());
        Assert.All(result.GetProperty("modelFields").EnumerateArray(), f => Assert.Matches(@"^model\|claude-[a-z0-9-]+\|\d{4}-\d\d-\d\dT", f.GetString()!));
        Assert.Equal(["claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-1"], result.GetProperty("modelsAll").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("claude-haiku-4-5", result.GetProperty("modelOne").GetString());
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
        AssertLength(result, "length");
    }

    /// <summary>The 5-token limit cut the reply, and the SDK reports its own stop reason for it, in JSON and in a stream.</summary>
    private static void AssertLength(JsonElement result, string reason)
    {
        Assert.Equal(FiveTokens, result.GetProperty("lengthText").GetString());
        Assert.Equal(reason, result.GetProperty("lengthFinish").GetString());
        Assert.Equal(FiveTokens, result.GetProperty("lengthStreamText").GetString());
        Assert.Equal(reason, result.GetProperty("lengthStreamFinish").GetString());
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
