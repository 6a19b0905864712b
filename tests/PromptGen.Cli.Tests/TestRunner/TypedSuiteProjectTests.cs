using System.Text.Json;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests.TestRunner;

/// <summary>
/// <c>promptgen test --project</c> builds the project and runs its generated methods: change the template in the C#
/// source, run the same suite again, and the model gets the new prompt — the suite holds no copy of it.
/// </summary>
public sealed class TypedSuiteProjectTests : IAsyncLifetime, IDisposable
{
    // Each run builds the project (dotnet build): minutes, not seconds, on a loaded machine.
    private readonly CliRunner _cli = new() { Timeout = TimeSpan.FromMinutes(10) };
    private LlmSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Changing_the_template_in_the_source_changes_what_the_suite_sends()
    {
        var repository = RepositoryRoot();
        var project = Path.Combine(_cli.Directory, "Weather", "Weather.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(project)!);
        await File.WriteAllTextAsync(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{repository}/src/PromptGen/PromptGen.csproj" />
                <ProjectReference Include="{repository}/generators/PromptGen.Generators/PromptGen.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        _simulator.Script.When(userContains: "Forecast").Reply("Sunny in Oslo.");
        var suite = _cli.WriteFile("weather.json", """
            { "cases": [ { "id": "oslo", "call": "IWeather.ForecastAsync", "arguments": { "city": "Oslo" }, "expect": [ { "contains": "Oslo" } ] } ] }
            """);

        await WriteClientAsync(project, "Forecast for {city}, please.");
        var first = await RunAsync(suite, project);
        await WriteClientAsync(project, "Forecast the weather in {city} for tomorrow.");
        var second = await RunAsync(suite, project);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["Forecast for Oslo, please.", "Forecast the weather in Oslo for tomorrow."], _simulator.Requests.Select(r => r.LastUserText));
    }

    private static Task WriteClientAsync(string project, string template) => File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(project)!, "Weather.cs"), $$"""
        using PromptGen;

        namespace Weather;

        [PromptClient(Model = "openai/gpt-4o-mini")]
        public partial interface IWeather
        {
            [Prompt("{{template}}")]
            Task<string> ForecastAsync(string city, CancellationToken cancellationToken = default);
        }
        """);

    private async Task<CliResult> RunAsync(string suite, string project)
    {
        var result = await _cli.RunAsync(["test", suite, "--project", project, "--config", _cli.WriteConfig(_simulator), "--out", "out", "--report", "json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_cli.Directory, "out", "results.json")));
        Assert.Equal("PASS", results.RootElement.GetProperty("cases")[0].GetProperty("outcome").GetString());
        return result;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromptGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PromptGen.sln not found above the test's directory.");
    }
}
