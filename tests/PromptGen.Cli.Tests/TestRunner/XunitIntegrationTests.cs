using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PromptGen.Evaluation;
using PromptGen.Evaluation.Xunit;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests.TestRunner;

/// <summary>
/// The xUnit integration (PromptGen.Evaluation.Xunit): <c>dotnet test</c> discovers one test per case in the sample
/// test project and runs them on the simulator; a FAIL is an assertion failure, an ERROR a distinct exception.
/// </summary>
public sealed class XunitIntegrationTests : IAsyncLifetime, IDisposable
{
    private readonly CliRunner _cli = new();
    private LlmSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Dotnet_test_lists_one_test_per_example_and_suite_case_of_the_sample_and_runs_them()
    {
        var assembly = SampleTestsAssembly();

        var listed = await DotnetAsync("test", assembly, "--list-tests");
        var run = await DotnetAsync("test", assembly);

        var tests = listed.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("PromptGen.Samples.QuickStart.Tests.", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "PromptGen.Samples.QuickStart.Tests.GeographyPromptTests.Example(example: capital_italy)",
                "PromptGen.Samples.QuickStart.Tests.GeographyPromptTests.Example(example: largest_city_brazil)",
                "PromptGen.Samples.QuickStart.Tests.GeographyPromptTests.Suite(testCase: capital_france)",
                "PromptGen.Samples.QuickStart.Tests.GeographyPromptTests.Suite(testCase: largest_city_japan)",
            ],
            tests.Order(StringComparer.Ordinal));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Passed:     4", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_case_is_an_assertion_failure_and_an_erroring_case_a_distinct_error()
    {
        _simulator.Script.When(userContains: "capital of France").Reply("Lyon.");
        _simulator.Script.When(userContains: "capital of Peru").Fault(SimulatorFault.BadRequest);
        var suite = _cli.WriteFile("suite.json", """
            { "cases": [
              { "id": "france", "model": "openai/gpt-4o-mini", "prompt": "What is the capital of France?", "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "Paris" } } ] },
              { "id": "peru", "model": "openai/gpt-4o-mini", "prompt": "What is the capital of Peru?", "rules": [ { "type": "string_check", "params": { "check": "contains", "value": "Lima" } } ] },
              { "id": "later", "prompt": "x", "skip": "not yet" }
            ] }
            """);
        var cases = new PromptSuiteAttribute(suite).GetData(null!).Select(row => (PromptCase)row[0]).ToList();
        var services = new ServiceCollection();
        services.AddPromptGen().AddOpenAI().UseSimulator(_simulator);
        await using var provider = services.BuildServiceProvider();

        var failed = await Assert.ThrowsAsync<PromptCaseFailedException>(() => cases[0].RunAsync(provider));
        var errored = await Assert.ThrowsAsync<PromptCaseErrorException>(() => cases[1].RunAsync(provider));

        Assert.Equal(["france", "peru"], cases.Select(c => c.Id));
        Assert.Equal(PromptTestVerdict.Fail, failed.Outcome.Verdict);
        Assert.Contains("Paris", failed.Message, StringComparison.Ordinal);
        Assert.Contains("Lyon.", failed.Message, StringComparison.Ordinal);
        Assert.Equal(PromptTestVerdict.Error, errored.Outcome.Verdict);
        Assert.Contains("ERROR, not FAIL", errored.Message, StringComparison.Ordinal);
        Assert.IsNotAssignableFrom<Xunit.Sdk.XunitException>(errored);
    }

    private static string SampleTestsAssembly()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", "PromptGen.Samples.QuickStart.Tests", "bin", configuration, "net10.0", "PromptGen.Samples.QuickStart.Tests.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The sample test project's assembly was not found; build tests/PromptGen.Cli.Tests (it builds the sample first).");
    }

    private static async Task<(int ExitCode, string Output)> DotnetAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5), TimeProvider.System);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
