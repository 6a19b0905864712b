namespace PromptGen.Generators.IntegrationTests;

/// <summary>
/// The analyzer ships inside the PromptGen package: pack it, restore it from a local folder into a fresh project (outside
/// this repository's build settings), build that project with warnings as errors, and run its generated caller.
/// </summary>
[Collection(DotnetCli.Collection)]
public sealed class PackagingTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "promptgen-pack-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Packed_PromptGen_generates_a_working_caller_in_a_fresh_project()
    {
        var root = DotnetCli.RepoRoot();
        var feed = Path.Combine(_work, "feed");
        var version = "0.1.0-packtest." + Guid.NewGuid().ToString("N")[..8];
        foreach (var project in new[] { "src/PromptGen.Abstractions/PromptGen.Abstractions.csproj", "src/PromptGen/PromptGen.csproj" })
        {
            await DotnetCli.RunAsync(root, "pack", Path.Combine(root, project), "-c", "Release", "-o", feed, $"-p:Version={version}", "-nodeReuse:false");
        }

        var package = Path.Combine(feed, $"PromptGen.{version}.nupkg");
        Assert.True(File.Exists(package));
        using (var zip = System.IO.Compression.ZipFile.OpenRead(package))
        {
            // Its own README, the help pages of every diagnostic, and the props that points help links at them.
            using var readme = new StreamReader(zip.GetEntry("README.md")!.Open());
            Assert.StartsWith("# PromptGen\n", (await readme.ReadToEndAsync()).ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.NotNull(zip.GetEntry("docs/diagnostics/PG0101.md"));
            Assert.NotNull(zip.GetEntry("docs/diagnostics/README.md"));
            Assert.NotNull(zip.GetEntry("build/PromptGen.props"));
            Assert.NotNull(zip.GetEntry("buildTransitive/PromptGen.props"));
            // The generator and, beside it, the code fixes (a separate assembly: they need Roslyn's Workspaces).
            Assert.NotNull(zip.GetEntry("analyzers/dotnet/cs/PromptGen.Generators.dll"));
            Assert.NotNull(zip.GetEntry("analyzers/dotnet/cs/PromptGen.CodeFixes.dll"));
        }

        var consumer = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(consumer);
        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="promptgen-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <WarningsNotAsErrors>$(WarningsNotAsErrors);PG0005</WarningsNotAsErrors>
                <!-- The test package lands here, not in the machine's global package folder; everything else comes from it. -->
                <RestorePackagesPath>{Path.Combine(_work, "packages")}</RestorePackagesPath>
                <RestoreFallbackFolders>{DotnetCli.GlobalPackages()}</RestoreFallbackFolders>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PromptGen" Version="{version}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.13" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), ConsumerProgram);

        var sarif = Path.Combine(_work, "build.sarif");
        await DotnetCli.RunAsync(consumer, "build", "-c", "Release", "-nodeReuse:false", $"-p:ErrorLog={sarif},version=2.1");
        var output = await DotnetCli.RunAsync(consumer, "run", "-c", "Release", "--no-build");

        Assert.Contains("capital=Echo: What is the capital of Chile?", output, StringComparison.Ordinal);
        Assert.Contains("city=Santiago;rank=1", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(consumer, "obj", "Release", "net10.0", "Consumer.AssemblyInfo.cs")));

        // PG0005 (no CancellationToken) is reported; its help link opens the page shipped in the restored package.
        var page = Path.Combine(_work, "packages", "promptgen", version, "docs", "diagnostics", "PG0005.md");
        Assert.True(File.Exists(page));
        Assert.Contains($"\"helpUri\": \"{new Uri(page).AbsoluteUri}\"", await File.ReadAllTextAsync(sarif), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private const string ConsumerProgram = """
        using System.Text.Json.Serialization;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using PromptGen;

        var services = new ServiceCollection();
        services.AddPromptGen(configure: o => o.EnvironmentVariables = _ => null)
            .AddChatClient("local/echo", new EchoClient());
        services.AddPromptClient<IGeo>();
        using var provider = services.BuildServiceProvider();
        var geo = provider.GetRequiredService<IGeo>();
        Console.WriteLine("capital=" + await geo.CapitalAsync("Chile"));
        var city = await geo.LargestCityAsync("Chile");
        Console.WriteLine($"city={city.Name};rank={city.Rank}");

        public sealed record City(string Name, int Rank);

        [JsonSerializable(typeof(City))]
        internal sealed partial class GeoJson : JsonSerializerContext;

        [PromptClient(Model = "local/echo")]
        public partial interface IGeo
        {
            [Prompt("What is the capital of {country}?")]
            Task<string> CapitalAsync(string country);

            [Prompt("Largest city of {country}?")]
            Task<City> LargestCityAsync(string country);
        }

        sealed class EchoClient : IChatClient
        {
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var text = options?.ResponseFormat is ChatResponseFormatJson ? "{\"Name\":\"Santiago\",\"Rank\":1}" : "Echo: " + messages.Last().Text;
                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));
            }

            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException();

            public object? GetService(Type serviceType, object? serviceKey = null) => null;

            public void Dispose()
            {
            }
        }
        """;
}
