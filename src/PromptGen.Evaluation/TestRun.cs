using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PromptGen.Evaluation.Reports;
using PromptGen.Generated;

namespace PromptGen.Evaluation;

/// <summary>
/// One test run: <see cref="Load"/> reads the suites and selects the cases (every suite error before anything is
/// sent), <see cref="RunAsync"/> runs them through PromptGen's one call pipeline, writes the results and reports, and
/// returns the verdict. The services (router, providers, configuration) are the caller's: the <c>promptgen</c> tool
/// builds them from its configuration file, a test host from its own.
/// </summary>
public sealed partial class TestRun
{
    /// <summary>The configuration section with per-model prices (USD per million tokens): <c>"Prices": { "openai/gpt-4o-mini": { "input": 0.15, "output": 0.60 } }</c>.</summary>
    public const string PricesSectionName = PriceTable.SectionName;

    private readonly RunHost _host;
    private readonly TestRunOptions _options;
    private readonly List<TestCase> _cases;
    private readonly RunIdentity _identity;
    private readonly RunResults? _baseline;

    private TestRun(RunHost host, TestRunOptions options, List<TestCase> cases, RunIdentity identity, RunResults? baseline)
    {
        _host = host;
        _options = options;
        _cases = cases;
        _identity = identity;
        _baseline = baseline;
    }

    /// <summary>Gets the number of cases selected (repeats included).</summary>
    public int CaseCount => _cases.Count;

    /// <summary>Reads every suite, checks it (rules, fields, images) and selects the cases to run.</summary>
    /// <param name="host">Where paths are resolved and notes go.</param>
    /// <param name="options">The suites and the selection.</param>
    /// <returns>The run, ready to start.</returns>
    /// <exception cref="SuiteLoadException">A suite is missing or wrong; the message names the file, line and column.</exception>
    /// <exception cref="EvaluationException">The selection matches no case, or the <see cref="TestRunOptions.RerunFailed"/> file is not results.</exception>
    public static TestRun Load(RunHost host, TestRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        CheckGateOptions(options);
        var all = options.Suites.SelectMany(s => SuiteParser.Load(s, host.FullPath(s), options.AllowImagesOutside, options.Catalogs)).ToList();
        if (options.Examples)
        {
            var examples = ExampleCases.Load(options.Catalogs);
            all.AddRange(examples.Count > 0 ? examples : throw new EvaluationException(
                "No [PromptExample] to run: the loaded assemblies declare none. Add one to a prompt method (docs/test-runner.md, \"Examples next to the prompt\"), or give a suite file."));
        }

        var cases = Select(host, options, all);
        var identity = Identity(options, all, cases.Count);
        return new TestRun(host, options, cases, identity, LoadBaseline(host, options, identity));
    }

    /// <summary>Lists the selected cases with their rules on <see cref="RunHost.Out"/>; nothing is sent.</summary>
    public void WriteDryRun()
    {
        var output = _host.Out;
        foreach (var c in _cases)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Index + 1,4}. {c.Key}  [{c.Model ?? "default model"}] {c.Rules.Count} rule(s){(c.Skip is null ? string.Empty : " SKIP: " + c.Skip)}  ({c.File}:{c.Line})"));
            foreach (var rule in c.RuleNames)
            {
                output.WriteLine($"        rule: {rule}");
            }

            if (c.Ignored.Count > 0)
            {
                output.WriteLine($"        ignored (no effect in PromptGen): {string.Join(", ", c.Ignored)}");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_cases.Count} case(s) parsed and checked; nothing sent (--dry-run)."));
    }

    /// <summary>Runs the cases, writes <c>results.jsonl</c> as they finish and the chosen reports at the end, and prints the summary.</summary>
    /// <param name="services">The services with PromptGen (the <see cref="PromptRouter"/> and its providers).</param>
    /// <param name="configuration">The configuration, for its <see cref="PricesSectionName"/> section; <see langword="null"/> for list prices only.</param>
    /// <param name="cancellationToken">Cancels the run; finished cases are kept and reported.</param>
    /// <returns>How the run ended.</returns>
    public async Task<RunVerdict> RunAsync(IServiceProvider services, IConfiguration? configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var prices = PriceTable.Load(configuration ?? new ConfigurationBuilder().Build());
        var router = services.GetRequiredService<PromptRouter>();
        var caseRunner = new CaseRunner(new PromptExecutor(router, services), router, Settings(), prices, _host.Time) { Services = services };
        var recording = router.Recorder.Mode switch { ChatRecordingMode.Record => "record", ChatRecordingMode.Replay => "replay", _ => null };
        return await RunCasesAsync(caseRunner, recording, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The verdict of a summary: errors first (ERROR is never counted as FAIL), then failures against the threshold.</summary>
    internal static RunVerdict Verdict(RunSummary summary, double? threshold) =>
        summary.Errors > 0 ? RunVerdict.Errors
        : summary.Failed == 0 ? RunVerdict.Passed
        : threshold is { } t && summary.PassRate >= t ? RunVerdict.Passed
        : RunVerdict.Failed;

    private async Task<RunVerdict> RunCasesAsync(CaseRunner caseRunner, string? recording, CancellationToken cancellationToken)
    {
        var (host, options, cases, time) = (_host, _options, _cases, _host.Time);
        var directory = host.FullPath(options.OutputDirectory);
        using var writer = new ResultsWriter(directory);
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var runner = new SuiteRunner(caseRunner.RunAsync, options.Parallel, options.FailFast);
        var (results, interrupted) = await LiveProgress.RunAsync(host, cases.Count, progress => runner.RunAsync(
            cases,
            result =>
            {
                writer.Append(result);
                progress(result);
            },
            cancellationToken)).ConfigureAwait(false);
        var summary = RunStatistics.Summarise(results, time.GetElapsedTime(started).TotalMilliseconds, interrupted);
        var run = new RunResults(string.Join(", ", options.Suites), startedAt, summary, results) { Run = _identity with { Recording = recording } };
        return await FinishAsync(host, options, run, writer, _baseline, cases.Count).ConfigureAwait(false);
    }

    private RunSettings Settings()
    {
        var settings = new RunSettings { ModelOverride = _options.Model, Routes = _options.Routes, Stream = _options.Stream, Redactor = _host.Redactor };
        foreach (var (provider, limit) in _options.ProviderLimits)
        {
            settings.AddCap(provider, limit);
        }

        return settings;
    }

    private static List<TestCase> Select(RunHost host, TestRunOptions options, List<TestCase> all)
    {
        IEnumerable<TestCase> selected = all;
        if (options.Filters.Count > 0)
        {
            selected = selected.Where(c => options.Filters.Any(f => f.StartsWith("tag:", StringComparison.Ordinal)
                ? c.Tags.Contains(f[4..], StringComparer.OrdinalIgnoreCase)
                : Glob(f, c.Id)));
        }

        if (options.RerunFailed is { } rerun)
        {
            var failed = ResultsWriter.ReadFailedKeys(rerun, host.FullPath(rerun));
            selected = selected.Where(c => failed.Contains(c.Id));
        }

        if (options.Models is { Count: > 0 } models)
        {
            // A matrix: every case on every model, side by side.
            selected = selected.SelectMany(c => models.Select(m => c with { Model = m }));
        }

        var repeated = selected.SelectMany(c => Enumerable.Range(0, options.Repeat).Select(r => c with { Repeat = r }));
        if (options.Shard is var (index, count))
        {
            repeated = repeated.Where((_, i) => i % count == index - 1);
        }

        var list = repeated.Select((c, i) => c with { Index = i }).ToList();
        if (list.Count == 0 && options.RerunFailed is null)
        {
            // A gate that ran nothing must not pass: a mistyped --filter would otherwise turn CI green.
            throw new EvaluationException(all.Count == 0
                ? "The suite has no cases."
                : $"No case matches the selection (--filter {string.Join(' ', options.Filters)}, --shard); {all.Count} case(s) in the suite.");
        }

        if (list.Count == 0)
        {
            host.Note("--rerun-failed: no case failed or errored in the previous results; nothing to run.");
        }

        return list;
    }

    private static bool Glob(string pattern, string id)
    {
        var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(id, regex, System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
