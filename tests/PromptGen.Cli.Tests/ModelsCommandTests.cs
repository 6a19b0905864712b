namespace PromptGen.Cli.Tests;

public sealed class ModelsCommandTests : IDisposable
{
    private const string PlantedKey = "sk-test-PLANTED-models-1";
    private const string PlantedEnvironmentKey = "sk-ant-PLANTED-env-2";

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Models_lists_defaults_aliases_fallbacks_and_providers_with_sources_but_never_keys()
    {
        _cli.WriteFile("config.json", $$"""
            {
              "PromptGen": {
                "DefaultModel": "fast",
                "Aliases": { "fast": "openai/gpt-4o-mini", "smart": "anthropic/claude-sonnet-4-5" },
                "Fallbacks": { "smart": [ "openai/gpt-4o", "ollama/llama3.2" ] },
                "Providers": {
                  "openai": { "ApiKey": "{{PlantedKey}}", "Timeout": 30 },
                  "local": { "Kind": "openai", "BaseUrl": "http://localhost:8080/v1" }
                }
              }
            }
            """);
        _cli.Environment["ANTHROPIC_API_KEY"] = PlantedEnvironmentKey;

        var result = await _cli.RunAsync(["models", "--config", "config.json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = result.Out;
        Assert.Contains("Configuration: config.json", output, StringComparison.Ordinal);
        Assert.Contains("Default model: fast", output, StringComparison.Ordinal);
        Assert.Contains("fast → openai/gpt-4o-mini", output, StringComparison.Ordinal);
        Assert.Contains("smart → openai/gpt-4o → ollama/llama3.2", output, StringComparison.Ordinal);
        Assert.Contains("Retries: 3 per model on transient errors", output, StringComparison.Ordinal);
        Assert.Contains("API key            set  (from configuration PromptGen:Providers:openai:ApiKey)", output, StringComparison.Ordinal);
        Assert.Contains("API key            set  (from environment variable ANTHROPIC_API_KEY)", output, StringComparison.Ordinal);
        Assert.Contains("timeout            00:00:30  (from configuration PromptGen:Providers:openai:Timeout)", output, StringComparison.Ordinal);
        Assert.Contains("base URL           http://localhost:8080/v1/  (from configuration PromptGen:Providers:local:BaseUrl)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("PLANTED", output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_shows_every_provider_and_a_note_instead_of_failing_when_one_cannot_resolve()
    {
        var result = await _cli.RunAsync(["models"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var name in new[] { "openai", "anthropic", "ollama", "groq", "gemini", "openrouter", "max" })
        {
            Assert.Contains($"\n  {name}" + Environment.NewLine, result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("note               cannot be used yet: No API key for provider 'openai'. Set the OPENAI_API_KEY environment variable", result.Out, StringComparison.Ordinal);
        Assert.Contains("base URL           https://api.openai.com/v1/  (from default)", result.Out, StringComparison.Ordinal);
        Assert.Contains("'promptgen ask' answers from the built-in simulator", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_notes_a_misconfigured_provider_and_still_lists_the_others()
    {
        _cli.WriteFile("config.json", """{ "PromptGen": { "Providers": { "broken": { "Kind": "openai", "BaseUrl": "not a url" } } } }""");

        var result = await _cli.RunAsync(["models", "--config", "config.json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("  broken" + Environment.NewLine + "    note               cannot be used yet: The base URL 'not a url'", result.Out, StringComparison.Ordinal);
        Assert.Contains("  vllm", result.Out, StringComparison.Ordinal);
    }
}
