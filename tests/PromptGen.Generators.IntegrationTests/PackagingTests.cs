namespace PromptGen.Generators.IntegrationTests;

/// <summary>
/// What a user does: pack PromptGen, the OpenAI provider and PromptGen.Testing, restore them from a local folder into a
/// fresh project (outside this repository's build settings), build it with warnings as errors, and run it: a typed, a
/// streaming and an image method against the packaged simulator, wired with one <c>UseSimulator</c> call. (The tool is
/// installed with <c>dotnet tool install --tool-path</c> in <see cref="ToolPackagingTests"/>.)
/// </summary>
[Collection(DotnetCli.Collection)]
public sealed class PackagingTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "promptgen-pack-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Packed_PromptGen_builds_an_app_whose_typed_streaming_and_image_methods_call_the_packaged_simulator()
    {
        var root = DotnetCli.RepoRoot();
        var feed = Path.Combine(_work, "feed");
        var version = "0.1.0-packtest." + Guid.NewGuid().ToString("N")[..8];
        foreach (var project in new[]
        {
            "src/PromptGen.Abstractions/PromptGen.Abstractions.csproj", "src/PromptGen/PromptGen.csproj",
            "src/PromptGen.Providers.OpenAI/PromptGen.Providers.OpenAI.csproj", "src/PromptGen.Testing/PromptGen.Testing.csproj",
        })
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
                <PackageReference Include="PromptGen.Providers.OpenAI" Version="{version}" />
                <PackageReference Include="PromptGen.Testing" Version="{version}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.13" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), ConsumerProgram);

        var sarif = Path.Combine(_work, "build.sarif");
        await DotnetCli.RunAsync(consumer, "build", "-c", "Release", "-nodeReuse:false", $"-p:ErrorLog={sarif},version=2.1");
        var output = await DotnetCli.RunAsync(consumer, "run", "-c", "Release", "--no-build");

        Assert.Contains("capital=Santiago is the capital of Chile.", output, StringComparison.Ordinal);
        Assert.Contains("city=Santiago;rank=1;schema=True", output, StringComparison.Ordinal);
        Assert.Contains("streamed=Chile is long and narrow, between the Andes and the Pacific.;parts=True;stream=True", output, StringComparison.Ordinal);
        Assert.Contains("image=The flag of Chile.;sent=1 image/png;text=Which country's flag is this?", output, StringComparison.Ordinal);
        Assert.Contains("requests=4", output, StringComparison.Ordinal);
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

    private const string ConsumerProgram = """"
        using System.Text.Json.Serialization;
        using Microsoft.Extensions.DependencyInjection;
        using PromptGen;
        using PromptGen.Testing;

        // The packaged simulator, scripted as a test would script it.
        await using var sim = await LlmSimulator.StartAsync();
        sim.Script.When(userContains: "capital of Chile").Reply("Santiago is the capital of Chile.");
        sim.Script.When(userContains: "Largest city").ReplyJson("""{ "Name": "Santiago", "Rank": 1 }""");
        sim.Script.When(userContains: "Tell me about").Reply("Chile is long and narrow, between the Andes and the Pacific.");
        sim.Script.When(userContains: "flag").Reply("The flag of Chile.");

        var services = new ServiceCollection();
        services.AddPromptGen(configure: o => o.EnvironmentVariables = _ => null).AddOpenAI().UseSimulator(sim);
        services.AddPromptClient<IGeo>();
        await using var provider = services.BuildServiceProvider();
        var geo = provider.GetRequiredService<IGeo>();

        Console.WriteLine("capital=" + await geo.CapitalAsync("Chile"));

        var city = await geo.LargestCityAsync("Chile");
        Console.WriteLine($"city={city.Name};rank={city.Rank};schema={sim.Requests[^1].ResponseSchema is not null}");

        var parts = new List<string>();
        await foreach (var part in geo.AboutAsync("Chile"))
        {
            parts.Add(part);
        }

        Console.WriteLine($"streamed={string.Concat(parts)};parts={parts.Count > 1};stream={sim.Requests[^1].Stream}");

        // A 1×1 PNG: the image method sends it as an image part, never as text.
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var answer = await geo.FlagAsync(PromptImage.FromBytes(png));
        var sent = sim.Requests[^1];
        Console.WriteLine($"image={answer};sent={sent.Images.Count} {sent.Images[0].MediaType};text={sent.FirstUserMessageText?.Trim()}");
        Console.WriteLine($"requests={sim.TotalRequests}");

        public sealed record City(string Name, int Rank);

        [JsonSerializable(typeof(City))]
        internal sealed partial class GeoJson : JsonSerializerContext;

        [PromptClient(Model = "openai/gpt-4o-mini")]
        public partial interface IGeo
        {
            [Prompt("What is the capital of {country}?")]
            Task<string> CapitalAsync(string country);

            [Prompt("Largest city of {country}?")]
            [Retry(MaxRetries = 2)]
            Task<City> LargestCityAsync(string country, CancellationToken cancellationToken = default);

            [Prompt("Tell me about {country} in one sentence.")]
            IAsyncEnumerable<string> AboutAsync(string country, CancellationToken cancellationToken = default);

            [Prompt("Which country's flag is this? {flag}")]
            Task<string> FlagAsync(PromptImage flag, CancellationToken cancellationToken = default);
        }
        """";
}
