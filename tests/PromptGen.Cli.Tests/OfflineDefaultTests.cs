namespace PromptGen.Cli.Tests;

public sealed class OfflineDefaultTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Ask_without_keys_or_config_answers_from_the_built_in_simulator_and_says_so()
    {
        var result = await _cli.RunAsync(["ask", "What is the capital of France?"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("The capital of France is Paris." + Environment.NewLine, result.Out);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("built-in LLM simulator", StringComparison.Ordinal) && l.Contains("OPENAI_API_KEY", StringComparison.Ordinal) && l.Contains("--config", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("answered by openai/gpt-4o-mini", StringComparison.Ordinal) && l.Contains("simulated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ask_offline_echoes_unknown_questions_with_a_hint()
    {
        var result = await _cli.RunAsync(["ask", "--model", "anthropic/claude-haiku-4-5", "Something nobody scripted"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Something nobody scripted", result.Out, StringComparison.Ordinal);
        Assert.Contains("answered by anthropic/claude-haiku-4-5", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("ANTHROPIC_API_KEY")]
    [InlineData("OLLAMA_HOST")]
    [InlineData("OPENAI_BASE_URL")]
    [InlineData("ANTHROPIC_BASE_URL")]
    public async Task A_provider_variable_turns_the_offline_default_off(string variable)
    {
        // Points at a closed port: the call fails, which proves no simulator stood in for the real provider.
        _cli.Environment[variable] = variable.EndsWith("_KEY", StringComparison.Ordinal) ? "sk-test-PLANTED-env" : "http://127.0.0.1:9/";
        _cli.Environment["OPENAI_BASE_URL"] = "http://127.0.0.1:9/v1";
        _cli.Environment["PromptGen__Retry__MaxRetries"] = "0";

        var result = await _cli.RunAsync(["ask", "Hi"]);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("simulator", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("PLANTED", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
