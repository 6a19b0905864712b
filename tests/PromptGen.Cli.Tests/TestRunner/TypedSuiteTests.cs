using System.Text.Json;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests.TestRunner;

/// <summary>
/// Suites whose cases call the QuickStart's generated methods (<c>IGeography</c>) through <c>--assembly</c>: the prompt
/// comes from the generated code, the verdict from expectations on the typed result; bad suites fail to load, located.
/// </summary>
public sealed class TypedSuiteTests : IAsyncLifetime, IDisposable
{
    private readonly CliRunner _cli = new();
    private LlmSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    /// <summary>The QuickStart sample's assembly, built beside this test project (same configuration).</summary>
    internal static string QuickStartAssembly()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", "PromptGen.Samples.QuickStart", "bin", configuration, "net10.0", "PromptGen.Samples.QuickStart.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The QuickStart sample's assembly was not found; build tests/PromptGen.Cli.Tests (it builds the sample first).");
    }

    [Fact]
    public async Task A_typed_suite_passes_fails_on_a_typed_expectation_and_errors_on_a_provider_fault()
    {
        _simulator.Script.When(userContains: "capital of France").Reply("The capital of France is Paris.").WithUsage(20, 8);
        _simulator.Script.When(userContains: "largest city in Japan").ReplyJson("""{ "name": "Tokyo", "country": "Japan", "population": 37400068 }""");
        _simulator.Script.When(userContains: "largest city in Brazil").ReplyJson("""{ "name": "São Paulo", "country": "Brazil", "population": 22000000 }""");
        _simulator.Script.When(userContains: "largest city in Peru").Fault(SimulatorFault.BadRequest);
        var suite = _cli.WriteFile("typed.json", """
            { "cases": [
              { "id": "capital", "call": "IGeography.CapitalAsync", "arguments": { "country": "France" }, "expect": [ { "contains": "Paris" } ] },
              { "id": "japan", "call": "IGeography.LargestCityAsync", "arguments": { "country": "Japan" },
                "expect": [ { "path": "name", "equals": "Tokyo" }, { "path": "population", "atLeast": 10000000 } ] },
              { "id": "brazil", "call": "PromptGen.Samples.QuickStart.IGeography.LargestCityAsync", "arguments": { "country": "Brazil" },
                "expect": [ { "path": "name", "equals": "Rio de Janeiro" } ] },
              { "id": "peru", "call": "IGeography.LargestCityAsync", "arguments": { "country": "Peru" } }
            ] }
            """);

        var result = await RunAsync(suite);

        Assert.True(result.ExitCode == 2, result.ToString());
        var cases = Results().GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(["PASS", "PASS", "FAIL", "ERROR"], cases.Select(c => c.GetProperty("outcome").GetString()));

        // The prompt is the generated code's rendering of the method's template (system prompt included), not a copy in the suite.
        Assert.Equal("[system] You are a concise geography assistant.\n[user] Give the name, country and population of the largest city in Japan, as JSON.", cases[1].GetProperty("prompt").GetString());
        var sent = _simulator.Requests.Single(r => (r.LastUserText ?? string.Empty).Contains("Japan", StringComparison.Ordinal));
        Assert.Equal("gpt-4o-mini", sent.Model);

        var failure = cases[2].GetProperty("failedRules")[0];
        Assert.Equal("expect name equals \"Rio de Janeiro\"", failure.GetProperty("rule").GetString());
        Assert.Contains("got \"São Paulo\"", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("BadRequest", cases[3].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(20, cases[0].GetProperty("inputTokens").GetInt64());
    }

    [Fact]
    public async Task Model_overrides_apply_on_top_of_the_methods_own_model()
    {
        _simulator.Script.When(model: "claude-haiku-4-5", userContains: "capital of France").Reply("Paris.");
        var suite = _cli.WriteFile("typed.json", """
            { "cases": [ { "id": "capital", "call": "IGeography.CapitalAsync", "arguments": { "country": "France" }, "expect": [ { "contains": "Paris" } ] } ] }
            """);

        var result = await RunAsync(suite, ["--model", "anthropic/claude-haiku-4-5"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("anthropic/claude-haiku-4-5", Results().GetProperty("cases")[0].GetProperty("answeredBy").GetString());
    }

    [Theory]
    [InlineData("""{ "id": "a", "call": "IGeography.LargestCityAsnc", "arguments": { "country": "Japan" } }""", "no generated method 'IGeography.LargestCityAsnc' (did you mean 'IGeography.LargestCityAsync'?)")]
    [InlineData("""{ "id": "a", "call": "IGeography.LargestCityAsync", "arguments": { "country": 42 } }""", "'country' of IGeography.LargestCityAsync is string: expected text (a JSON string), not the number 42")]
    [InlineData("""{ "id": "a", "call": "IGeography.LargestCityAsync", "arguments": { } }""", "missing 'country' (string)")]
    [InlineData("""{ "id": "a", "call": "IGeography.LargestCityAsync", "arguments": { "country": "Japan", "contry": "x" } }""", "has no parameter 'contry' (did you mean 'country'?)")]
    [InlineData("""{ "id": "a", "call": "IGeography.LargestCityAsync", "arguments": { "country": "Japan" }, "expect": [ { "path": "populaton", "atLeast": 1 } ] }""", "PromptGen.Samples.QuickStart.City has no member 'populaton' (did you mean 'population'?); its members are name, country, population")]
    [InlineData("""{ "id": "a", "call": "IGeography.CapitalAsync", "arguments": { "country": "France" }, "expect": [ { "path": "name", "equals": "x" } ] }""", "returns text (string), which has no members")]
    [InlineData("""{ "id": "a", "call": "IGeography.CapitalAsync", "arguments": { "country": "France" }, "prompt": "copy" }""", "\"prompt\" does not go with \"call\"")]
    public async Task A_bad_typed_suite_fails_to_load_with_a_located_error(string testCase, string expected)
    {
        var suite = _cli.WriteFile("bad.json", "{\n  \"cases\": [\n    " + testCase + "\n  ]\n}");

        var result = await RunAsync(suite);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"bad.json(3,5): error: case 'a': ", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task A_call_case_without_an_assembly_says_how_to_load_one()
    {
        var suite = _cli.WriteFile("typed.json", """{ "cases": [ { "id": "a", "call": "IGeography.CapitalAsync", "arguments": { "country": "France" } } ] }""");

        var result = await _cli.RunAsync(["test", suite, "--dry-run"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("run with --assembly <path to the built .dll> or --project <.csproj>", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_suite_the_assemblys_prompt_examples_run_located_at_their_attributes()
    {
        _simulator.Script.When(userContains: "capital of Italy").Reply("The capital of Italy is Rome.");
        _simulator.Script.When(userContains: "largest city in Brazil").ReplyJson("""{ "name": "Rio de Janeiro", "country": "Brazil", "population": 6700000 }""");

        var result = await _cli.RunAsync(["test", "--assembly", QuickStartAssembly(), "--config", _cli.WriteConfig(_simulator), "--out", "out", "--report", "json"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        var cases = Results().GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(["capital_italy", "largest_city_brazil"], cases.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(["PASS", "FAIL"], cases.Select(c => c.GetProperty("outcome").GetString()));
        Assert.EndsWith("Geography.cs", cases[0].GetProperty("file").GetString(), StringComparison.Ordinal);
        var messages = cases[1].GetProperty("failedRules").EnumerateArray().Select(r => r.GetProperty("message").GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains("name equals \"São Paulo\": got \"Rio de Janeiro\"", StringComparison.Ordinal));
        Assert.Contains(messages, m => m!.Contains("population atLeast 10000000: got 6700000", StringComparison.Ordinal));
        Assert.Contains(_simulator.Requests, r => r.LastUserText == "Give the name, country and population of the largest city in Brazil, as JSON.");
    }

    [Fact]
    public async Task Examples_run_beside_a_suite_with_the_examples_option_and_need_an_assembly()
    {
        var suite = _cli.WriteFile("typed.json", """{ "cases": [ { "id": "capital", "call": "IGeography.CapitalAsync", "arguments": { "country": "France" } } ] }""");

        var listed = await _cli.RunAsync(["test", suite, "--assembly", QuickStartAssembly(), "--examples", "--dry-run"]);
        var missing = await _cli.RunAsync(["test"]);

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains("capital ", listed.Out, StringComparison.Ordinal);
        Assert.Contains("capital_italy ", listed.Out, StringComparison.Ordinal);
        Assert.Contains("rule: expect population atLeast 10000000", listed.Out, StringComparison.Ordinal);
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("Give a suite file, or --assembly <built .dll> / --project <.csproj> to run the [PromptExample]s", missing.Error, StringComparison.Ordinal);
    }

    private Task<CliResult> RunAsync(string suite, string[]? extra = null) =>
        _cli.RunAsync(["test", suite, "--assembly", QuickStartAssembly(), "--config", _cli.WriteConfig(_simulator), "--out", "out", "--report", "json", .. extra ?? []]);

    private JsonElement Results() => JsonDocument.Parse(File.ReadAllText(Path.Combine(_cli.Directory, "out", "results.json"))).RootElement;
}
