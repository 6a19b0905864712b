using System.Security.Cryptography;
using System.Text;
using PromptGen.Evaluation.Reports;

namespace PromptGen.Evaluation;

/// <summary>Gating a run: what it is a run of, the baseline it is compared with, the reports, bless, and the verdict.</summary>
public sealed partial class TestRun
{
    /// <summary>
    /// Merges the <c>results.json</c> of <c>--shard i/n</c> runs into the results of the whole run and writes them with
    /// every chosen report to <see cref="TestRunOptions.OutputDirectory"/>; with a <see cref="TestRunOptions.Baseline"/>
    /// the merged run is compared with it. Refuses shards of different suites, selections or splits, a shard given twice,
    /// and a missing shard.
    /// </summary>
    /// <param name="host">Where paths are resolved and the summary goes.</param>
    /// <param name="files">The shards' results files.</param>
    /// <param name="options">The output directory, reports, baseline, <see cref="TestRunOptions.FailOn"/> and tolerance (suites and selection are the shards').</param>
    /// <returns>The verdict of the merged run.</returns>
    /// <exception cref="EvaluationException">A file is not results, or the shards do not make one run.</exception>
    public static async Task<RunVerdict> MergeAsync(RunHost host, IReadOnlyList<string> files, TestRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        CheckGateOptions(options);
        var merged = ShardMerger.Merge([.. files.Select(f => new ShardInput(f, ResultsWriter.ReadResults("report merge", f, host.FullPath(f))))]);
        var baseline = LoadBaseline(host, options, merged.Run!);
        using var writer = new ResultsWriter(host.FullPath(options.OutputDirectory));
        foreach (var result in merged.Cases)
        {
            writer.Append(result);
        }

        host.Note($"merged {files.Count} shard(s): {merged.Cases.Count} case result(s).");
        return await FinishAsync(host, options, merged, writer, baseline, merged.Cases.Count).ConfigureAwait(false);
    }

    private static void CheckGateOptions(TestRunOptions options)
    {
        if (options.Baseline is null && options.FailOn == Evaluation.FailOn.Regressions)
        {
            throw new EvaluationException("--fail-on regressions needs a baseline to compare with: add --baseline <results.json of a known-good run>.");
        }

        if (options.Bless && options.Baseline is null)
        {
            throw new EvaluationException("--bless writes this run's results as the baseline: say where with --baseline <file>.");
        }

        if (options.Models is { Count: > 0 } models)
        {
            if (options.Model is not null)
            {
                throw new EvaluationException($"--model {options.Model} and --models {string.Join(",", models)} contradict each other: --model runs every case on one model, --models on each of several. Use one.");
            }

            if (models.Distinct(StringComparer.OrdinalIgnoreCase).Count() != models.Count)
            {
                throw new EvaluationException($"--models names a model twice: {string.Join(",", models)}.");
            }
        }

        if (options.GateModel is { } gate && !string.Equals(gate, "all", StringComparison.OrdinalIgnoreCase) && options.Models?.Contains(gate, StringComparer.OrdinalIgnoreCase) != true)
        {
            throw new EvaluationException($"--gate-model {gate} is not one of --models ({string.Join(",", options.Models ?? [])}); name one of them, or 'all'.");
        }

        Tolerances.Parse(options.Tolerance);
    }

    /// <summary>What the run is of: suites by file name, a fingerprint of every case in them, the selection and shard.</summary>
    private static RunIdentity Identity(TestRunOptions options, List<TestCase> all, int selected)
    {
        var text = new StringBuilder();
        foreach (var c in all)
        {
            text.Append(Path.GetFileName(c.File)).Append('\0').Append(c.Id).Append('\n');
        }

        return new RunIdentity
        {
            Suites = [.. options.Suites.Select(Path.GetFileName).Select(f => f!)],
            SuiteFingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))),
            Filters = options.Filters,
            Shard = options.Shard is var (i, n) ? $"{i}/{n}" : null,
            SelectedCases = selected,
            Repeat = options.Repeat,
            Models = options.Models is { Count: > 0 } models ? models : null,
        };
    }

    /// <summary>Reads the baseline before anything is sent; a baseline of other suites is an error (every case would read as new or removed).</summary>
    private static RunResults? LoadBaseline(RunHost host, TestRunOptions options, RunIdentity identity)
    {
        if (options.Baseline is not { } file)
        {
            return null;
        }

        var path = host.FullPath(file);
        if (options.Bless && !File.Exists(path))
        {
            host.Note($"--bless: no baseline at {file} yet; this run becomes the first one.");
            return null;
        }

        var baseline = ResultsWriter.ReadResults("--baseline", file, path);
        var suites = baseline.Run?.Suites ?? [.. baseline.Suite.Split(", ").Select(s => Path.GetFileName(s.Trim()))];
        if (!suites.Order(StringComparer.Ordinal).SequenceEqual(identity.Suites.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            throw new EvaluationException(
                $"--baseline: '{file}' is a run of {string.Join(", ", suites)}, but this run is of {string.Join(", ", identity.Suites)}. " +
                "Compare runs of the same suites (a baseline of another suite would read every case as new or removed), or bless a baseline of this suite with --bless.");
        }

        if (baseline.Run?.Shard is { } shard)
        {
            throw new EvaluationException($"--baseline: '{file}' is shard {shard} of a run, not the whole run: merge the shards first (promptgen report merge) and compare with the merged results.json.");
        }

        return baseline;
    }

    /// <summary>Compares with the baseline, writes results and reports, blesses, prints the summary and returns the verdict.</summary>
    private static async Task<RunVerdict> FinishAsync(RunHost host, TestRunOptions options, RunResults run, ResultsWriter writer, RunResults? baseline, int selected)
    {
        var matrix = run.Run?.Models is { Count: > 1 };
        if (baseline is not null)
        {
            Func<CaseResult, string> key = matrix ? c => $"{c.Id}@{c.Model}" : c => c.Id;
            var replayed = run.Run?.Recording == "replay" || baseline.Run?.Recording == "replay";
            run = run with { Comparison = BaselineComparer.Compare(options.Baseline!, baseline, run, Tolerances.Parse(options.Tolerance), key, compareLatency: !replayed) };
        }

        var directory = writer.Directory;
        var written = new List<string> { Path.Combine(directory, ResultsWriter.LinesFile) };
        if (options.Reports.Contains("json") || options.Bless)
        {
            written.Add(writer.WriteResults(run));
        }

        if (options.Reports.Contains("junit"))
        {
            written.Add(Path.Combine(directory, JUnitReport.FileName));
            JUnitReport.Write(written[^1], run);
        }

        if (options.Reports.Contains("md"))
        {
            written.Add(Path.Combine(directory, MarkdownReport.FileName));
            await File.WriteAllTextAsync(written[^1], host.Redactor.Redact(MarkdownReport.Render(run)), CancellationToken.None).ConfigureAwait(false);
        }

        if (options.Reports.Contains("html"))
        {
            written.Add(Path.Combine(directory, HtmlReport.FileName));
            await File.WriteAllTextAsync(written[^1], host.Redactor.Redact(HtmlReport.Render(run)), CancellationToken.None).ConfigureAwait(false);
        }

        ConsoleSummary.Write(host.Out, run, written);
        var summary = run.Summary;
        if (summary.Interrupted)
        {
            host.Note($"interrupted: {run.Cases.Count} of {selected} case(s) finished; their results are in {written[0]}.{(options.Bless ? " Not blessed: an interrupted run is no baseline." : string.Empty)}");
            return RunVerdict.Interrupted;
        }

        if (options.Bless)
        {
            var target = host.FullPath(options.Baseline!);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(directory, ResultsWriter.ResultsFile), target, overwrite: true);
            host.Note($"blessed: {options.Baseline} now holds this run ({summary.Passed} passed, {summary.Failed} failed, {summary.Errors} errors); commit it as the new baseline.");
        }

        if (summary.Total > 0 && summary.Skipped == summary.Total)
        {
            // A gate that tested nothing must not pass.
            host.Note($"every case selected ({summary.Total}) was skipped: nothing was tested, so the run does not pass. Remove 'skip' from the cases to run, or select others with --filter.");
            return RunVerdict.NothingTested;
        }

        return Gate(options, run, matrix);
    }

    /// <summary>The verdict under <see cref="TestRunOptions.FailOn"/>, over the gating model's cases in a matrix.</summary>
    private static RunVerdict Gate(TestRunOptions options, RunResults run, bool matrix)
    {
        var gate = matrix && options.GateModel is { } g && !string.Equals(g, "all", StringComparison.OrdinalIgnoreCase) ? g : null;
        var cases = gate is null ? run.Cases : [.. run.Cases.Where(c => string.Equals(c.Model, gate, StringComparison.OrdinalIgnoreCase))];
        var summary = gate is null ? run.Summary : RunStatistics.Summarise(cases, run.Summary.WallMs, run.Summary.Interrupted);
        var failOn = options.FailOn ?? (run.Comparison is null ? Evaluation.FailOn.Failures : Evaluation.FailOn.Regressions);
        return failOn switch
        {
            Evaluation.FailOn.Errors => summary.Errors > 0 ? RunVerdict.Errors : RunVerdict.Passed,
            Evaluation.FailOn.Regressions when run.Comparison is { } comparison =>
                summary.Errors > 0 ? RunVerdict.Errors
                : comparison.Cases.Any(c => Gates(c) && (gate is null || c.Key.EndsWith("@" + gate, StringComparison.OrdinalIgnoreCase))) ? RunVerdict.Failed
                : RunVerdict.Passed,
            _ => Verdict(summary, options.Threshold),
        };

        // A new case that fails every run has no baseline to have regressed from, but a gate must not let it in unseen.
        static bool Gates(CaseComparison c) => c.Status == ComparisonStatus.Regressed || (c.Status == ComparisonStatus.New && c.Current is { Runs: > 0, Passed: 0 });
    }
}
