using System.Text.Json;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests;

public sealed class AskCommandTests : IAsyncLifetime, IDisposable
{
    private const string PlantedKey = "sk-test-PLANTED-0123456789";

    private readonly CliRunner _cli = new();
    private LlmSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Ask_prints_the_answer_and_names_the_model_that_answered()
    {
        _simulator.Script.When(userContains: "capital of France").Reply("Paris.").WithUsage(12, 2);
        var config = _cli.WriteConfig(_simulator);

        var result = await _cli.RunAsync(["ask", "--config", config, "What is the capital of France?"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Paris." + Environment.NewLine, result.Out);
        Assert.Contains("answered by openai/gpt-4o-mini (openai at " + _simulator.OpenAIBaseUrl, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("simulator", result.Error, StringComparison.OrdinalIgnoreCase);
        var request = Assert.Single(_simulator.Requests);
        Assert.Equal("gpt-4o-mini", request.Model);
        Assert.Equal("What is the capital of France?", request.LastUserText);
    }

    [Fact]
    public async Task Ask_joins_several_words_into_one_question()
    {
        var config = _cli.WriteConfig(_simulator);

        var result = await _cli.RunAsync(["ask", "--config", config, "What", "is", "2+2?"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("What is 2+2?", _simulator.Requests[^1].LastUserText);
    }

    [Fact]
    public async Task Ask_json_prints_model_text_usage_and_attempts()
    {
        _simulator.Script.When(model: "claude-haiku-4-5").Reply("Bonjour → hello").WithUsage(12, 3);
        var config = _cli.WriteConfig(_simulator);

        var result = await _cli.RunAsync(["ask", "--json", "--model", "anthropic/claude-haiku-4-5", "--config", config, "Say hello"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("anthropic/claude-haiku-4-5", root.GetProperty("model").GetString());
        Assert.Equal("Bonjour → hello", root.GetProperty("text").GetString());
        Assert.Contains("Bonjour → hello", result.Out, StringComparison.Ordinal);
        Assert.Equal(12, root.GetProperty("usage").GetProperty("inputTokens").GetInt64());
        Assert.Equal(3, root.GetProperty("usage").GetProperty("outputTokens").GetInt64());
        var attempt = Assert.Single(root.GetProperty("attempts").EnumerateArray().ToArray());
        Assert.Equal("Primary", attempt.GetProperty("kind").GetString());
        Assert.Equal("Succeeded", attempt.GetProperty("outcome").GetString());
        Assert.Equal("anthropic", attempt.GetProperty("provider").GetString());
        Assert.Contains("answered by anthropic/claude-haiku-4-5", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_reads_the_question_from_stdin_when_the_prompt_is_a_dash()
    {
        var config = _cli.WriteConfig(_simulator);

        var result = await _cli.RunAsync(["ask", "--config", config, "-"], stdin: "What is 6 times 7?\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("What is 6 times 7?", _simulator.Requests[^1].LastUserText);
        Assert.Contains("Simulated reply to: What is 6 times 7?", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_with_empty_stdin_is_a_usage_error()
    {
        var result = await _cli.RunAsync(["ask", "--config", _cli.WriteConfig(_simulator), "-"], stdin: "  \n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Standard input was empty", result.Error, StringComparison.Ordinal);
        Assert.Empty(_simulator.Requests);
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData("anthropic/claude-haiku-4-5")]
    public async Task Ask_system_prompt_reaches_the_provider(string model)
    {
        var config = _cli.WriteConfig(_simulator);

        var result = await _cli.RunAsync(["ask", "--config", config, "--model", model, "--system", "You are terse.", "Hi"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("You are terse.", _simulator.Requests[^1].SystemText);
    }

    [Fact]
    public async Task Ask_debug_prints_route_sources_and_trace_to_stderr()
    {
        var config = _cli.WriteConfig(_simulator);

        var result = await _cli.RunAsync(["ask", "--config", config, "--debug", "Hi"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("route, in the order tried", result.Error, StringComparison.Ordinal);
        Assert.Contains("ApiKey ← configuration PromptGen:Providers:openai:ApiKey", result.Error, StringComparison.Ordinal);
        Assert.Contains("promptgen: timeline:", result.Error, StringComparison.Ordinal);
        Assert.Contains("#1 Primary openai/gpt-4o-mini", result.Error, StringComparison.Ordinal);
        Assert.Contains("Succeeded", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(PlantedKey, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("#1", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ask_for_a_person_streams_and_retries_a_rate_limit_after_retry_after_debug_or_not(bool debug)
    {
        // The plain ask streams; it goes through the same pipeline as --json, so --debug changes only what is printed.
        var time = new FakeClock();
        await using var simulator = await LlmSimulator.StartAsync(new LlmSimulatorOptions { TimeProvider = time });
        simulator.Script.Always().Fault(SimulatorFault.RateLimited, TimeSpan.FromSeconds(1)).Times(1);
        simulator.Script.Always().Reply("Hello after the wait.");
        var config = _cli.WriteConfig(simulator, extra: "\"Retry\": { \"MaxRetries\": 2, \"BaseDelay\": 0.1 },");
        var wait = time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(1));

        var run = _cli.RunAsync(debug ? ["ask", "--config", config, "--debug", "Hi"] : ["ask", "--config", config, "Hi"], time: time);
        await wait;
        time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.Single(simulator.Requests);
        time.Advance(TimeSpan.FromTicks(1));
        var result = await run;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Hello after the wait." + Environment.NewLine, result.Out);
        Assert.Equal(2, simulator.Requests.Count);
        Assert.All(simulator.Requests, r => Assert.True(r.Stream));
        Assert.True(simulator.Requests[1].ReceivedAt - simulator.Requests[0].ReceivedAt >= TimeSpan.FromSeconds(1));
        Assert.Contains("after 1 retry(ies)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_for_a_person_falls_back_before_the_first_token_and_names_the_model_that_answered()
    {
        _simulator.Script.When(model: "gpt-4o").Fault(SimulatorFault.ServerError);
        _simulator.Script.When(model: "claude-haiku-4-5").Reply("From the fallback.");
        var config = _cli.WriteConfig(_simulator, extra: "\"Retry\": { \"MaxRetries\": 0 }, \"Fallbacks\": { \"openai/gpt-4o\": [ \"anthropic/claude-haiku-4-5\" ] },");

        var result = await _cli.RunAsync(["ask", "--config", config, "--model", "openai/gpt-4o", "Hi"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("From the fallback." + Environment.NewLine, result.Out);
        Assert.Contains("answered by anthropic/claude-haiku-4-5", result.Error, StringComparison.Ordinal);
        Assert.Contains("after 1 fallback hop(s)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_retries_then_falls_back_and_says_so()
    {
        _simulator.Script.When(model: "gpt-4o").Fault(SimulatorFault.ServiceUnavailable);
        _simulator.Script.When(model: "claude-haiku-4-5").Reply("From the fallback.");
        var config = _cli.WriteConfig(
            _simulator,
            extra: "\"Retry\": { \"MaxRetries\": 1, \"BaseDelay\": 0 }, \"Fallbacks\": { \"openai/gpt-4o\": [ \"anthropic/claude-haiku-4-5\" ] },");

        var result = await _cli.RunAsync(["ask", "--config", config, "--model", "openai/gpt-4o", "--json", "--debug", "Hi"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("anthropic/claude-haiku-4-5", json.RootElement.GetProperty("model").GetString());
        var attempts = json.RootElement.GetProperty("attempts").EnumerateArray().ToArray();
        Assert.Equal(["Primary", "Retry", "Fallback"], attempts.Select(a => a.GetProperty("kind").GetString()));
        Assert.Equal("Unavailable", attempts[0].GetProperty("errorKind").GetString());
        Assert.Equal(503, attempts[0].GetProperty("statusCode").GetInt32());
        Assert.Equal("Succeeded", attempts[2].GetProperty("outcome").GetString());
        Assert.Contains("#3 Fallback anthropic/claude-haiku-4-5", result.Error, StringComparison.Ordinal);
        Assert.Contains("after 1 retry(ies) and 1 fallback hop(s)", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, _simulator.Requests.Count);
    }

    [Fact]
    public async Task Ask_failure_with_debug_prints_the_trace_of_every_attempt()
    {
        _simulator.Script.Always().Fault(SimulatorFault.ServiceUnavailable);
        var config = _cli.WriteConfig(_simulator, extra: "\"Retry\": { \"MaxRetries\": 0 },");

        var result = await _cli.RunAsync(["ask", "--config", config, "--debug", "Hi"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("promptgen: attempts (1):", result.Error, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Ask_unauthorized_exits_2_with_a_clear_message_and_no_key_or_stack_trace(bool json, bool debug)
    {
        _simulator.Script.Always().Fault(SimulatorFault.Unauthorized);
        string[] args = ["ask", "--config", _cli.WriteConfig(_simulator), .. json ? ["--json"] : Array.Empty<string>(), .. debug ? ["--debug"] : Array.Empty<string>(), "Hi"];

        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("401", result.Error, StringComparison.Ordinal);
        Assert.Contains("rejected the credentials", result.Error, StringComparison.Ordinal);
        Assert.Contains("configuration PromptGen:Providers:openai:ApiKey", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("PLANTED", result.Error + result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        Assert.Contains(PlantedKey, _simulator.Requests[0].Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_unknown_provider_is_a_clear_error_before_any_request()
    {
        var result = await _cli.RunAsync(["ask", "--config", _cli.WriteConfig(_simulator), "--model", "nope/some-model", "Hi"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown provider 'nope'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Known providers:", result.Error, StringComparison.Ordinal);
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task Ask_reads_PromptGen_environment_variables_from_the_given_environment()
    {
        var config = _cli.WriteConfig(_simulator);
        _cli.Environment["PromptGen__DefaultModel"] = "anthropic/claude-env-model";

        var result = await _cli.RunAsync(["ask", "--config", config, "Hi"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("claude-env-model", _simulator.Requests[^1].Model);
        Assert.Equal(SimulatorProtocol.Anthropic, _simulator.Requests[^1].Protocol);
    }

    [Fact]
    public async Task Ask_picks_up_promptgen_json_in_the_working_directory()
    {
        _cli.WriteConfig(_simulator, name: CliConfiguration.DefaultFileName);

        var result = await _cli.RunAsync(["ask", "Hi"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(_simulator.Requests);
        Assert.DoesNotContain("simulator", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ask_simulator_flag_answers_from_the_built_in_simulator_even_when_configured()
    {
        var result = await _cli.RunAsync(["ask", "--config", _cli.WriteConfig(_simulator), "--simulator", "What is the capital of France?"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("The capital of France is Paris." + Environment.NewLine, result.Out);
        Assert.Contains("built-in LLM simulator (--simulator)", result.Error, StringComparison.Ordinal);
        Assert.Empty(_simulator.Requests);
    }
}
