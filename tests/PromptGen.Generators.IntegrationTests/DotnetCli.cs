using System.Diagnostics;
using System.Text;

namespace PromptGen.Generators.IntegrationTests;

/// <summary>Runs the <c>dotnet</c> CLI from a test, isolated from the test host's own MSBuild state.</summary>
internal static class DotnetCli
{
    /// <summary>The test collection of the tests that run whole builds: one at a time, so two do not share 2 cores.</summary>
    public const string Collection = "dotnet CLI builds";

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="directory"/>; fails the test on a non-zero exit.</summary>
    /// <returns>Standard output followed by standard error.</returns>
    public static async Task<string> RunAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables would point the child build at this repository's SDK resolution state.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = new StringBuilder().Append(await stdout).Append(await stderr).ToString();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}) in {directory}:\n{output}");
        return output;
    }

    /// <summary>Gets the machine's global NuGet package folder.</summary>
    public static string GlobalPackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Gets the repository root (the folder of <c>PromptGen.sln</c>).</summary>
    public static string RepoRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "PromptGen.sln")))
        {
            directory = Path.GetDirectoryName(directory)!;
        }

        return directory;
    }
}
