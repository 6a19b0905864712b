namespace PromptGen.Validation;

/// <summary>
/// The answer must contain at least <see cref="Minimum"/> distinct keywords of a corpus file, one keyword per line
/// (<see cref="ContainsKeywordsFromAttribute"/>); blank lines and lines starting with <c>#</c> are ignored; matching ignores case.
/// The file is read once, on first use; a missing file is a configuration error, not a failed answer.
/// </summary>
public sealed class KeywordsFromFileRule : ResponseRule
{
    private readonly Lazy<IReadOnlyList<string>> _keywords;

    /// <summary>Initializes the rule from a file.</summary>
    /// <param name="path">The corpus file; a relative path is resolved against <see cref="AppContext.BaseDirectory"/>.</param>
    /// <param name="minimum">How many distinct keywords must appear (at least 1).</param>
    public KeywordsFromFileRule(string path, int minimum)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        Path = path;
        Minimum = minimum;
        _keywords = new Lazy<IReadOnlyList<string>>(Load);
    }

    /// <summary>Initializes the rule from keywords already loaded (for example embedded at build time).</summary>
    /// <param name="keywords">The keywords.</param>
    /// <param name="minimum">How many distinct keywords must appear (at least 1).</param>
    /// <param name="source">Where the keywords came from, for messages.</param>
    public KeywordsFromFileRule(IEnumerable<string> keywords, int minimum, string source)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        Path = source;
        Minimum = minimum;
        IReadOnlyList<string> list = [.. Clean(keywords)];
        _keywords = new Lazy<IReadOnlyList<string>>(list);
    }

    /// <summary>Gets the corpus file path (or the source name).</summary>
    public string Path { get; }

    /// <summary>Gets how many distinct keywords must appear.</summary>
    public int Minimum { get; }

    /// <summary>Gets the keywords.</summary>
    /// <exception cref="PromptConfigurationException">The corpus file cannot be read or lists no keyword.</exception>
    public IReadOnlyList<string> Keywords => _keywords.Value;

    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Content;

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var found = Keywords.Count(k => context.Text.Contains(k, StringComparison.OrdinalIgnoreCase));
        if (found >= Minimum)
        {
            return Done(ValidationResult.Valid);
        }

        var examples = string.Join(", ", Keywords.Take(10).Select(k => $"\"{k}\""));
        return Done(Fail($"The answer uses {found} of the required keywords; it must use at least {Minimum} of: {examples}{(Keywords.Count > 10 ? ", …" : string.Empty)}."));
    }

    private static IEnumerable<string> Clean(IEnumerable<string> lines) =>
        lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Distinct(StringComparer.OrdinalIgnoreCase);

    private List<string> Load()
    {
        var full = System.IO.Path.IsPathRooted(Path) ? Path : System.IO.Path.Combine(AppContext.BaseDirectory, Path);
        List<string> keywords;
        try
        {
            keywords = [.. Clean(File.ReadLines(full))];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PromptConfigurationException($"The keyword corpus '{Path}' cannot be read ({exception.GetType().Name}: {exception.Message}). Copy it to the output directory (CopyToOutputDirectory) or pass an absolute path.", exception);
        }

        return keywords.Count > 0 ? keywords : throw new PromptConfigurationException($"The keyword corpus '{Path}' lists no keyword; put one keyword per line.");
    }
}
