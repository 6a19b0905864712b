using System.Xml.Linq;

namespace PromptGen.Generators.IntegrationTests;

/// <summary>
/// Every packable project ships its own README: it names the packages to add and shows a snippet, and it holds nothing
/// that only works inside this repository (relative links, <c>dotnet run --project</c>).
/// </summary>
public sealed class PackageReadmeTests
{
    public static TheoryData<string> PackableProjects()
    {
        var data = new TheoryData<string>();
        foreach (var project in Directory.GetFiles(Path.Combine(DotnetCli.RepoRoot(), "src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(DotnetCli.RepoRoot(), project));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PackableProjects))]
    public void Each_package_has_its_own_readme_usable_outside_the_repository(string project)
    {
        var directory = Path.GetDirectoryName(Path.Combine(DotnetCli.RepoRoot(), project))!;
        var readme = Path.Combine(directory, "README.md");
        Assert.True(File.Exists(readme), $"{project} has no README.md beside it; every package ships its own.");
        var text = File.ReadAllText(readme);

        var packageId = XDocument.Load(Path.Combine(DotnetCli.RepoRoot(), project)).Descendants("PackageId").FirstOrDefault()?.Value
            ?? Path.GetFileNameWithoutExtension(project);
        Assert.StartsWith("# ", text, StringComparison.Ordinal);
        Assert.Contains(packageId, text, StringComparison.Ordinal);
        Assert.True(text.Contains("dotnet add package", StringComparison.Ordinal) || text.Contains("dotnet tool install", StringComparison.Ordinal), $"{project}'s README does not say how to add it.");
        Assert.Contains("```", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet run --project", text, StringComparison.Ordinal);
        Assert.DoesNotContain("](../", text, StringComparison.Ordinal);
        Assert.DoesNotContain("](docs/", text, StringComparison.Ordinal);
    }
}
