using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace PromptGen.Generators.IntegrationTests;

/// <summary>
/// Publishes the QuickStart sample with Native AOT (into a temporary artifacts folder, so the repository's bin/obj are
/// untouched) with its accepted third-party warnings made visible, asserts that none of the trim/AOT warnings comes from
/// PromptGen or the generated code, and runs the native binary offline. Slow (a full build and a native compile, a few
/// minutes on a 2-core machine); benchmarks/aot/measure.sh does the same with sizes and timings.
/// </summary>
[Collection(DotnetCli.Collection)]
public sealed partial class AotPublishTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "promptgen-aot-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task QuickStart_publishes_with_native_AOT_without_PromptGen_warnings_and_runs_offline()
    {
        var root = DotnetCli.RepoRoot();
        var project = Path.Combine(root, "samples", "PromptGen.Samples.QuickStart", "PromptGen.Samples.QuickStart.csproj");
        var output = Path.Combine(_work, "bin");
        var log = Path.Combine(_work, "publish.log");
        Directory.CreateDirectory(_work);
        await DotnetCli.RunAsync(
            _work,
            "publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
            "--artifacts-path", Path.Combine(_work, "artifacts"), "-o", output, "-nodeReuse:false",
            // Lifts the sample's NoWarn (IL2104;IL3053, third-party summaries) so every trim/AOT warning is in the log.
            "-p:AcceptThirdPartyTrimWarnings=false",
            $"-flp:LogFile={log};Verbosity=normal;NoSummary");

        var warnings = File.ReadLines(log).Select(line => Warning().Match(line)).Where(m => m.Success).Select(m => m.Value).Distinct().ToList();
        var own = warnings.Where(w => IsPromptGen(w, root)).ToList();
        Assert.True(own.Count == 0, "Trim/AOT warnings from PromptGen or the generated code:\n" + string.Join('\n', own));
        // What is left is what the sample's NoWarn accepts: one summary per third-party assembly that is not trim-annotated.
        Assert.All(warnings, w => Assert.Matches(ThirdPartySummary(), w));

        var binary = Path.Combine(output, "PromptGen.Samples.QuickStart" + (OperatingSystem.IsWindows() ? ".exe" : string.Empty));
        Assert.True(File.Exists(binary), $"no native binary at {binary}");
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _work };
        start.Environment.Remove("OPENAI_API_KEY");
        start.Environment.Remove("ANTHROPIC_API_KEY");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1), TimeProvider.System);
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"the native QuickStart exited with {process.ExitCode}:\n{text}");
        Assert.Contains("Using the in-process LLM simulator", text, StringComparison.Ordinal);
        Assert.Contains("[1] The capital of France is Paris.", text, StringComparison.Ordinal);
        Assert.Contains("[2] Red.", text, StringComparison.Ordinal);
        Assert.Contains("#3 Fallback openai/gpt-4o-mini: Succeeded", text, StringComparison.Ordinal);
        Assert.Contains("[3] Tokyo, Japan: population 37,400,000", text, StringComparison.Ordinal);
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

    /// <summary>
    /// A warning is PromptGen's when its location is a file of the repository or a generated file, its origin member is
    /// in a PromptGen namespace (the sample's included), or it summarizes a PromptGen assembly.
    /// </summary>
    private static bool IsPromptGen(string warning, string root) =>
        warning.Contains(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || warning.Contains("/PromptGen.Generators/", StringComparison.Ordinal)
        || PromptGenOrigin().IsMatch(warning);

    [GeneratedRegex(@"\S.*warning IL[23]\d{3}:.*?(?= \[[^\]]*\.csproj[^\]]*\]$|$)")]
    private static partial Regex Warning();

    [GeneratedRegex(@"warning IL[23]\d{3}: (PromptGen\.|Assembly 'PromptGen)")]
    private static partial Regex PromptGenOrigin();

    [GeneratedRegex(@"warning IL(2104|3053): Assembly '[^']+' produced (trim|AOT analysis) warnings")]
    private static partial Regex ThirdPartySummary();
}
