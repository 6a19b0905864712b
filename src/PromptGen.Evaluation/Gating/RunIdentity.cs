namespace PromptGen.Evaluation;

/// <summary>
/// What a results file is a run of: the suites (and a fingerprint of every case in them, before selection), the
/// selection, the shard, the repeat count and the models. Baselines and shard merges check it so results of different
/// suites or overlapping shards are never mixed silently.
/// </summary>
internal sealed record RunIdentity
{
    /// <summary>Gets the suite files, by file name.</summary>
    public required IReadOnlyList<string> Suites { get; init; }

    /// <summary>Gets the SHA-256 of every case (file name, id) of the suites, before filters and shards.</summary>
    public required string SuiteFingerprint { get; init; }

    /// <summary>Gets the filters the cases were selected with.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>Gets the shard this run was (<c>2/3</c>), or <see langword="null"/> for the whole selection.</summary>
    public string? Shard { get; init; }

    /// <summary>Gets how many cases this run selected (every repeat and model; of its shard only, when sharded).</summary>
    public int SelectedCases { get; init; }

    public int Repeat { get; init; } = 1;

    /// <summary>Gets the models of a matrix run (<c>--models</c>), or <see langword="null"/>.</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>Gets <c>record</c> or <c>replay</c> when the run recorded or replayed model exchanges.</summary>
    public string? Recording { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public (int Index, int Count)? ParsedShard =>
        Shard?.Split('/') is [var i, var n] && int.TryParse(i, System.Globalization.CultureInfo.InvariantCulture, out var index) && int.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var count) ? (index, count) : null;
}
