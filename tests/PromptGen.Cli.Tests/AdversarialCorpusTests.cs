namespace PromptGen.Cli.Tests;

/// <summary>
/// Walks the committed corpus of hostile inputs (Adversarial/: bad suites, bad configuration files, bad images, odd
/// keys). Every input must end in exit 2 with a message naming the file, at the line and column listed in
/// Adversarial/expected.txt where the input has one: never exit 1 ("unexpected error"), never a PASS. A file added to
/// the corpus without an expectation fails the walk, so nothing in it goes unchecked.
/// </summary>
public sealed class AdversarialCorpusTests : IDisposable
{
    private static readonly string s_corpus = Path.Combine(AppContext.BaseDirectory, "Adversarial");

    private readonly CliRunner _cli = new();

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (path, location) in Expected())
        {
            data.Add(path, location);
        }

        return data;
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Every_input_in_the_corpus_has_an_expectation()
    {
        var listed = Expected().Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        var present = new[] { "suites", "configs" }
            .SelectMany(folder => Directory.EnumerateFileSystemEntries(Path.Combine(s_corpus, folder)))
            .Select(p => Path.GetRelativePath(s_corpus, p).Replace('\\', '/'))
            .Where(p => p != "suites/images")
            .ToList();

        Assert.True(present.Count >= 50, $"the corpus holds {present.Count} inputs");
        var unlisted = present.Where(p => !listed.Contains(p)).ToList();
        var missing = listed.Where(p => !present.Contains(p)).ToList();
        Assert.True(unlisted.Count == 0 && missing.Count == 0, $"without expectation: {string.Join(", ", unlisted)}; listed but absent: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_hostile_input_is_a_located_error_with_exit_2(string path, string location)
    {
        var full = Path.Combine(s_corpus, path);
        string[] args = path.StartsWith("configs/", StringComparison.Ordinal)
            ? ["models", "--config", full]
            : ["test", full, "--simulator", "--out", "out"];

        var result = await _cli.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(Path.GetFileName(path), result.Error, StringComparison.Ordinal);
        if (location != "-")
        {
            Assert.Contains(Path.GetFileName(path) + (path.StartsWith("configs/", StringComparison.Ordinal) ? "' " : string.Empty) + location, result.Error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unexpected error", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", result.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_cli.Directory, "out", "results.jsonl")), "nothing ran");
    }

    private static IEnumerable<(string Path, string Location)> Expected() =>
        File.ReadLines(Path.Combine(s_corpus, "expected.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2))
            .Select(parts => (parts[0], parts[1].Trim()));
}
