namespace PromptGen.Cli.Tests;

public sealed class ConfigurationFileTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string> Commands => new() { "ask", "models" };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_missing_config_file_exits_2_naming_the_file(string command)
    {
        var result = await _cli.RunAsync(Args(command, "does-not-exist.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Configuration file 'does-not-exist.json' was not found", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task An_invalid_json_config_file_exits_2_naming_the_file_and_line(string command)
    {
        _cli.WriteFile("broken.json", "{\n  \"PromptGen\": {\n    \"DefaultModel\": \"openai/gpt-4o-mini\"\n    \"Aliases\": {}\n  }\n}\n");

        var result = await _cli.RunAsync(Args(command, "broken.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Configuration file 'broken.json' (4,5) is not valid JSON", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task An_unknown_key_exits_2_naming_the_file_and_the_key(string command)
    {
        _cli.WriteFile("typo.json", """{ "PromptGen": { "Providers": { "openai": { "ApiKye": "sk-test-PLANTED-typo" } } } }""");

        var result = await _cli.RunAsync(Args(command, "typo.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("configuration file 'typo.json'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Unknown setting 'PromptGen:Providers:openai:ApiKye'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("PLANTED", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_file_that_is_not_an_object_exits_2()
    {
        _cli.WriteFile("array.json", "[1, 2]");

        var result = await _cli.RunAsync(Args("models", "array.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Configuration file 'array.json' must contain a JSON object", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_promptgen_json_in_the_working_directory_is_reported_by_name()
    {
        _cli.WriteFile(CliConfiguration.DefaultFileName, "{ not json");

        var result = await _cli.RunAsync(["ask", "Hi"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Configuration file 'promptgen.json' (", result.Error, StringComparison.Ordinal);
        Assert.Contains("is not valid JSON", result.Error, StringComparison.Ordinal);
    }

    private static string[] Args(string command, string file) => command == "ask" ? ["ask", "--config", file, "Hi"] : [command, "--config", file];
}
