using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests;

/// <summary>
/// Plants keys of every shape (not <c>sk-</c>-shaped, with <c>+/&amp;&lt;&gt;</c>, in a base URL, behind custom variable
/// names, quoted back by the provider and by the Claude Code CLI) and greps every output of every command: none may
/// appear, not even once.
/// </summary>
public sealed class SecretLeakTests : IAsyncLifetime, IDisposable
{
    // Every planted value contains this marker, so one search finds any of them in any escaped form.
    private const string Marker = "PLANTED";

    private static readonly string s_claude = typeof(SecretLeakTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ClaudeCliPath").Value!;

    private readonly CliRunner _cli = new();
    private readonly ConcurrentQueue<string> _telemetry = new();
    private readonly ActivityListener _listener;
    private LlmSimulator _simulator = null!;

    public SecretLeakTests()
    {
        // The OpenTelemetry export reads exactly these: tags, events and status of PromptGen's activities.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PromptGenDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                _telemetry.Enqueue(activity.DisplayName + " " + activity.StatusDescription);
                foreach (var tag in activity.TagObjects.Concat(activity.Events.SelectMany(e => e.Tags)))
                {
                    _telemetry.Enqueue($"{tag.Key}={tag.Value}");
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async Task InitializeAsync() => _simulator = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose()
    {
        _listener.Dispose();
        _cli.Dispose();
    }

    [Fact]
    public async Task Keys_of_every_shape_appear_in_no_output_of_any_command()
    {
        Assert.True(File.Exists(s_claude), $"The Claude Code CLI is not installed at {s_claude}; building the tests installs it with npm.");
        const string openAIKey = "plain-PLANTED-openai+/&<>key";
        const string customKey = "PLANTED-custom-Zq+/&<>=value";
        const string anthropicKey = "anthPLANTEDkey0123456789";
        const string urlPassword = "P%40ss-w0rd-PLANTED";
        const string claudeKey = "sk-ant-api03-PLANTEDmax-0123456789";
        var echo = $"I was told {openAIKey} and {customKey} and {anthropicKey} and {claudeKey}.";
        _simulator.Script.When(userContains: "leak").Fault(SimulatorFault.Unauthorized);
        _simulator.Script.When(userContains: "echo").Reply(echo).WithUsage(5, 5);
        var openAIUrl = _simulator.OpenAIBaseUrl.ToString().Replace("http://", $"http://alice:{urlPassword}@", StringComparison.Ordinal);
        var home = Directory.CreateDirectory(Path.Combine(_cli.Directory, "home")).FullName;
        _cli.Environment["ANTHRO_CREDENTIAL_VAR"] = anthropicKey;
        _cli.Environment["MYCO_SERVICE"] = customKey;
        _cli.Environment["GROQ_API_KEY"] = "groq/PLANTED+never&called";
        _cli.Environment["PROMPTGEN_CLAUDE_PATH"] = s_claude;
        _cli.Environment["ANTHROPIC_BASE_URL"] = _simulator.AnthropicBaseUrl.ToString().TrimEnd('/');
        _cli.Environment["ANTHROPIC_API_KEY"] = claudeKey;
        _cli.Environment["HOME"] = home;
        _cli.Environment["CLAUDE_CONFIG_DIR"] = Path.Combine(home, ".claude");
        var config = _cli.WriteFile("secrets.json", $$"""
            { "PromptGen": {
                "DefaultModel": "myco/echo-model",
                "Providers": {
                  "openai": { "BaseUrl": "{{openAIUrl}}", "ApiKey": "{{openAIKey.Replace("\\", "\\\\", StringComparison.Ordinal)}}" },
                  "anthropic": { "BaseUrl": "{{_simulator.AnthropicBaseUrl}}", "ApiKeyEnvironmentVariable": "ANTHRO_CREDENTIAL_VAR" },
                  "myco": { "Kind": "openai", "BaseUrl": "{{_simulator.OpenAIBaseUrl}}", "ApiKeyEnvironmentVariable": "MYCO_SERVICE" }
                } } }
            """);
        var suite = _cli.WriteFile("suite.json", """
            { "cases": [
              { "id": "custom-echo", "prompt": "echo please", "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "nothing like this" } } ] },
              { "id": "openai-401", "model": "openai/gpt-4o-mini", "prompt": "leak it", "rules": [ { "type": "response_not_empty" } ] },
              { "id": "anthropic-401", "model": "anthropic/claude-haiku-4-5", "prompt": "leak it", "rules": [ { "type": "response_not_empty" } ] },
              { "id": "max-401", "model": "max/sonnet", "prompt": "leak it", "rules": [ { "type": "response_not_empty" } ] }
            ] }
            """);

        List<(string What, CliResult Result)> runs =
        [
            ("ask (streamed echo)", await _cli.RunAsync(["ask", "--config", config, "echo please"])),
            ("ask --debug", await _cli.RunAsync(["ask", "--config", config, "--debug", "--model", "openai/gpt-4o-mini", "leak it"])),
            ("ask --debug (echo)", await _cli.RunAsync(["ask", "--config", config, "--debug", "echo please"])),
            ("ask --json", await _cli.RunAsync(["ask", "--config", config, "--json", "--model", "anthropic/claude-haiku-4-5", "leak it"])),
            ("ask --json (echo)", await _cli.RunAsync(["ask", "--config", config, "--json", "echo please"])),
            ("ask max/*", await _cli.RunAsync(["ask", "--config", config, "--model", "max/sonnet", "leak it"])),
            ("models", await _cli.RunAsync(["models", "--config", config])),
            ("test", await _cli.RunAsync(["test", suite, "--config", config, "--debug", "--report", "json,junit,md,html", "--out", "out"])),
        ];

        // The commands did run into the planted values: the echo was answered, the 401s were met.
        Assert.Contains("I was told", runs[0].Result.Out, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided", runs[1].Result.Error, StringComparison.Ordinal);
        Assert.True(runs[5].Result.Error.Contains("The Claude Code CLI reported", StringComparison.Ordinal), runs[5].Result.ToString());
        Assert.Equal(5, Directory.GetFiles(Path.Combine(_cli.Directory, "out")).Length);
        var leaks = new List<string>();
        foreach (var (what, result) in runs)
        {
            leaks.AddRange(Occurrences($"{what} stdout", result.Out).Concat(Occurrences($"{what} stderr", result.Error)));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(_cli.Directory, "out")))
        {
            leaks.AddRange(Occurrences(Path.GetFileName(file), await File.ReadAllTextAsync(file)));
        }

        Assert.NotEmpty(_telemetry);
        leaks.AddRange(Occurrences("telemetry", string.Join('\n', _telemetry)));
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    private static IEnumerable<string> Occurrences(string where, string text)
    {
        for (var at = text.IndexOf(Marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(Marker, at + 1, StringComparison.Ordinal))
        {
            yield return $"{where}: …{text[Math.Max(0, at - 40)..Math.Min(text.Length, at + 40)]}…";
        }
    }
}
