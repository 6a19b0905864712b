using System.Text.Json;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests;

/// <summary><c>promptgen ask</c> against a provider that filters, cuts or hangs: an error that says what happened, never a silent success.</summary>
public sealed class AskHostileTests : IAsyncLifetime, IDisposable
{
    private readonly CliRunner _cli = new();
    private LlmSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_content_filtered_answer_on_plain_streamed_ask_is_an_error_not_an_empty_success()
    {
        _simulator.Script.When(userContains: "forbidden").Fault(SimulatorFault.ContentFiltered);
        var config = _cli.WriteConfig(_simulator);

        var result = await _cli.RunAsync(["ask", "--config", config, "something forbidden"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("content filter of model 'openai/gpt-4o-mini'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("answered by", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_cut_mid_body_under_json_says_it_broke_off_not_that_the_server_is_down()
    {
        _simulator.Script.When(userContains: "cut").Fault(SimulatorFault.StreamCut);
        var config = _cli.WriteConfig(_simulator, extra: "\"Retry\": { \"MaxRetries\": 0 },");

        var result = await _cli.RunAsync(["ask", "--config", config, "--json", "cut me off"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.True(result.Error.Contains("broke off mid-response", StringComparison.Ordinal), result.Error);
        Assert.DoesNotContain("Check that the server is running", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The deadline on the streamed path (the call-pipeline change made streaming a mode of the attempt), end to end.</summary>
    [Fact]
    public async Task Plain_streamed_ask_against_a_hanging_server_stops_at_TotalTimeout()
    {
        _simulator.Script.When(userContains: "hang").Fault(SimulatorFault.Hang);
        var config = _cli.WriteConfig(_simulator, extra: "\"TotalTimeout\": 1, \"Retry\": { \"MaxRetries\": 0 },");

        // A safety net, not a wait: without the deadline the command would run until this cancels it (exit 130).
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(30), TimeProvider.System);
        var result = await _cli.RunAsync(["ask", "--config", config, "please hang"], cancellationToken: safety.Token);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("overall deadline", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_json_against_a_hanging_primary_falls_back_within_the_deadline()
    {
        _simulator.Script.When(userContains: "hang", model: "gpt-4o-mini").Fault(SimulatorFault.Hang);
        _simulator.Script.When(userContains: "hang").Reply("Answered by the fallback.");
        var config = _cli.WriteConfig(_simulator, extra: """
            "TotalTimeout": 30, "Retry": { "MaxRetries": 0 },
            "Fallbacks": { "openai/gpt-4o-mini": [ "anthropic/claude-haiku-4-5" ] },
            """.Replace("\"Providers\"", string.Empty, StringComparison.Ordinal));
        var configText = (await File.ReadAllTextAsync(config)).Replace("\"openai\": { ", "\"openai\": { \"Timeout\": 1, ", StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, configText);

        var result = await _cli.RunAsync(["ask", "--config", config, "--json", "please hang"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var output = JsonDocument.Parse(result.Out);
        Assert.Equal("anthropic/claude-haiku-4-5", output.RootElement.GetProperty("model").GetString());
        Assert.Equal("Answered by the fallback.", output.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_prompt_over_the_servers_body_limit_does_not_say_the_server_cannot_be_reached()
    {
        var config = _cli.WriteConfig(_simulator, extra: "\"Retry\": { \"MaxRetries\": 0 },");

        var result = await _cli.RunAsync(["ask", "--config", config, "--json", "-"], stdin: new string('x', 40_000_000));

        Assert.True(result.ExitCode == 2, result.ToString()[..Math.Min(2000, result.ToString().Length)]);
        Assert.DoesNotContain("Check that the server is running", result.Error, StringComparison.Ordinal);
        Assert.True(result.Error.Contains("413", StringComparison.Ordinal) || result.Error.Contains("bodies that big", StringComparison.Ordinal), result.Error);
    }
}
