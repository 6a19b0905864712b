namespace PromptGen.Evaluation;

/// <summary>What to run and how: the suites, the selection, parallelism, overrides and reports (the options of <c>promptgen test</c>).</summary>
public sealed record TestRunOptions
{
    /// <summary>The reports <see cref="Reports"/> may name besides <c>results.jsonl</c>, which is always written.</summary>
    public static IReadOnlyList<string> KnownReports { get; } = ["json", "junit", "md", "html"];

    /// <summary>Gets the suite files, as the user named them (resolved against <see cref="RunHost.WorkingDirectory"/>).</summary>
    public required IReadOnlyList<string> Suites { get; init; }

    /// <summary>Gets the case filters: an id glob (<c>capital_*</c>) or <c>tag:name</c>; a case runs if any matches.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>Gets the model every case runs on, whatever the suite says (<c>--model</c>).</summary>
    public string? Model { get; init; }

    /// <summary>Gets the model mappings <c>from=to</c>; <c>from</c> is a model id, an alias, <c>provider/*</c> or <c>default</c>.</summary>
    public IReadOnlyList<(string From, string To)> Routes { get; init; } = [];

    /// <summary>Gets how many times every case runs (flakiness).</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Gets an earlier <c>results.json</c> or <c>results.jsonl</c>: only the cases that failed or errored in it run.</summary>
    public string? RerunFailed { get; init; }

    /// <summary>Gets the shard to run (1-based index of count): cases are dealt round-robin in suite order.</summary>
    public (int Index, int Count)? Shard { get; init; }

    /// <summary>Gets a value indicating whether no case starts after the first FAIL or ERROR.</summary>
    public bool FailFast { get; init; }

    /// <summary>Gets a value indicating whether suites may read image files outside their own folder.</summary>
    public bool AllowImagesOutside { get; init; }

    /// <summary>Gets a value indicating whether PromptGen's debug timeline is recorded in the results (the front turns on <see cref="PromptGenOptions.Debug"/>).</summary>
    public bool Debug { get; init; }

    /// <summary>Gets the directory results and reports are written to.</summary>
    public string OutputDirectory { get; init; } = "promptgen-results";

    /// <summary>Gets the reports to write besides <c>results.jsonl</c>: any of <see cref="KnownReports"/>.</summary>
    public IReadOnlySet<string> Reports { get; init; } = new HashSet<string>(KnownReports, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the most cases in flight at once.</summary>
    public int Parallel { get; init; } = 4;

    /// <summary>Gets per-provider caps: at most <c>Limit</c> cases in flight on <c>Provider</c>.</summary>
    public IReadOnlyList<(string Provider, int Limit)> ProviderLimits { get; init; } = [];

    /// <summary>Gets the pass rate (0..1) at which a run with failures still passes. Errors never pass.</summary>
    public double? Threshold { get; init; }

    /// <summary>Gets the prompt catalogs of the assemblies whose generated methods cases may <c>call</c> (<see cref="PromptGen.Generated.PromptCatalog.FromAssembly"/>).</summary>
    public IReadOnlyList<PromptGen.Generated.PromptCatalog> Catalogs { get; init; } = [];

    /// <summary>
    /// Gets a value indicating whether the <c>[PromptExample]</c>s of the <see cref="Catalogs"/> run too, as call cases
    /// named by the example (located at their attribute).
    /// </summary>
    public bool Examples { get; init; }

    /// <summary>Gets a value indicating whether cases that do not say otherwise stream their answers (time to first token is recorded).</summary>
    public bool Stream { get; init; }

    /// <summary>Gets the models to run every case on, side by side (<c>--models a,b,c</c>); <see langword="null"/> for the suite's models.</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>Gets the model of a matrix run whose cases decide the verdict; <see langword="null"/> for all models.</summary>
    public string? GateModel { get; init; }

    /// <summary>Gets an earlier run's <c>results.json</c> to compare with, case by case (<c>--baseline</c>).</summary>
    public string? Baseline { get; init; }

    /// <summary>Gets what fails the run; <see langword="null"/> for <see cref="FailOn.Regressions"/> with a baseline and <see cref="FailOn.Failures"/> without.</summary>
    public FailOn? FailOn { get; init; }

    /// <summary>Gets a value indicating whether this run's results become the baseline (written to <see cref="Baseline"/>) when it ends.</summary>
    public bool Bless { get; init; }

    /// <summary>Gets how much a case's latency, tokens or cost may change before the comparison reports it: <c>latency=50%,tokens=20%,cost=20%</c> (the defaults).</summary>
    public string? Tolerance { get; init; }
}
