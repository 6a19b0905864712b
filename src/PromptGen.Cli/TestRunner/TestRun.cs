using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PromptGen.Cli.TestRunner.Reports;
using PromptGen.Generated;
using PromptGen.Testing;

namespace PromptGen.Cli.TestRunner;

/// <summary>One run of <c>promptgen test</c>: load, select, run, report, and the exit code.</summary>
internal static class TestRun
{
    /// <summary>Exit code when some case failed (or the pass rate is under <c>--threshold</c>).</summary>
    public const int Failures = 1;

    public static async Task<int> RunAsync(CliHost host, TestOptions options, CancellationToken cancellationToken)
    {
        var cases = Select(host, options, [.. options.Suites.SelectMany(s => SuiteParser.Load(s, host.FullPath(s), options.AllowImagesOutside))]);
        if (options.DryRun)
        {
            DryRun(host, cases);
            return CliApplication.Success;
        }

        var configuration = CliConfiguration.Load(options.ConfigFile, host);
        var prices = PriceTable.Load(configuration.Configuration);
        LlmSimulator? simulator = null;
        if (options.UseSimulator || configuration.NothingConfigured)
        {
            simulator = options.SimulatorRules is { } rules
                ? await LlmSimulator.StartAsync(new LlmSimulatorOptions { Script = LoadRules(host, rules) }, cancellationToken)
                : await BuiltInSimulator.StartAsync(cancellationToken);
            host.Note(options.UseSimulator
                ? $"running against the built-in LLM simulator ({(options.SimulatorRules is null ? "--simulator" : "rules from " + options.SimulatorRules)})."
                : $"running against the built-in LLM simulator: no {CliConfiguration.DefaultFileName} and none of {string.Join(", ", CliConfiguration.ProviderVariables)} is set.");
        }

        var time = host.Time;
        var gate = new RateLimitGate(time);
        var transport = new RateLimitGateHandler(gate, time, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(15) });
        try
        {
            // The router owns (and disposes) the transport; every request passes the run's shared rate-limit gate.
            await using var services = configuration.BuildServices(Configure, transport);
            var router = services.GetRequiredService<PromptRouter>();
            var settings = Settings(host, options);
            var caseRunner = new CaseRunner(new PromptExecutor(router, services), router, settings, prices, time);
            return await RunCasesAsync(host, options, cases, caseRunner, time, cancellationToken);
        }
        finally
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync();
            }
        }

        void Configure(PromptGenOptions o)
        {
            o.Debug |= options.Debug;
            if (simulator is not null)
            {
                BuiltInSimulator.Apply(simulator, o);
            }
        }
    }

    private static async Task<int> RunCasesAsync(CliHost host, TestOptions options, List<TestCase> cases, CaseRunner caseRunner, TimeProvider time, CancellationToken cancellationToken)
    {
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
            cancellationToken));
        var summary = RunStatistics.Summarise(results, time.GetElapsedTime(started).TotalMilliseconds, interrupted);
        var run = new RunResults(string.Join(", ", options.Suites), startedAt, summary, results);
        var written = new List<string> { Path.Combine(directory, ResultsWriter.LinesFile) };
        if (options.Reports.Contains("json"))
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
            await File.WriteAllTextAsync(written[^1], host.Redactor.Redact(MarkdownReport.Render(run)), CancellationToken.None);
        }

        if (options.Reports.Contains("html"))
        {
            written.Add(Path.Combine(directory, HtmlReport.FileName));
            await File.WriteAllTextAsync(written[^1], host.Redactor.Redact(HtmlReport.Render(run)), CancellationToken.None);
        }

        ConsoleSummary.Write(host.Out, run, written);
        if (interrupted)
        {
            host.Note($"interrupted: {results.Count} of {cases.Count} case(s) finished; their results are in {written[0]}.");
            return CliApplication.Cancelled;
        }

        if (summary.Total > 0 && summary.Skipped == summary.Total)
        {
            // A gate that tested nothing must not pass.
            host.Note($"every case selected ({summary.Total}) was skipped: nothing was tested, so the run does not pass. Remove 'skip' from the cases to run, or select others with --filter.");
            return CliApplication.UsageError;
        }

        return ExitCode(summary, options.Threshold);
    }

    /// <summary>0 all passed (or the pass rate meets --threshold); 1 failures; 2 any error. ERROR is never counted as FAIL.</summary>
    public static int ExitCode(RunSummary summary, double? threshold) =>
        summary.Errors > 0 ? CliApplication.UsageError
        : summary.Failed == 0 ? CliApplication.Success
        : threshold is { } t && summary.PassRate >= t ? CliApplication.Success
        : Failures;

    private static SimulatorScript LoadRules(CliHost host, string file)
    {
        try
        {
            return SimulatorScript.LoadJson(host.FullPath(file));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException or ArgumentException)
        {
            throw new CliUsageException($"--simulator-rules '{file}': {exception.Message}");
        }
    }

    private static RunSettings Settings(CliHost host, TestOptions options)
    {
        var settings = new RunSettings { ModelOverride = options.Model, Routes = options.Routes, Stream = options.Stream, Redactor = host.Redactor };
        foreach (var (provider, limit) in options.ProviderLimits)
        {
            settings.AddCap(provider, limit);
        }

        return settings;
    }

    private static List<TestCase> Select(CliHost host, TestOptions options, List<TestCase> all)
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

        var repeated = selected.SelectMany(c => Enumerable.Range(0, options.Repeat).Select(r => c with { Repeat = r }));
        if (options.Shard is var (index, count))
        {
            repeated = repeated.Where((_, i) => i % count == index - 1);
        }

        var list = repeated.Select((c, i) => c with { Index = i }).ToList();
        if (list.Count == 0 && options.RerunFailed is null)
        {
            // A gate that ran nothing must not pass: a mistyped --filter would otherwise turn CI green.
            throw new CliUsageException(all.Count == 0
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

    private static void DryRun(CliHost host, List<TestCase> cases)
    {
        foreach (var c in cases)
        {
            host.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Index + 1,4}. {c.Key}  [{c.Model ?? "default model"}] {c.Rules.Count} rule(s){(c.Skip is null ? string.Empty : " SKIP: " + c.Skip)}  ({c.File}:{c.Line})"));
            foreach (var rule in c.RuleNames)
            {
                host.Out.WriteLine($"        rule: {rule}");
            }

            if (c.Ignored.Count > 0)
            {
                host.Out.WriteLine($"        ignored (no effect in PromptGen): {string.Join(", ", c.Ignored)}");
            }
        }

        host.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases.Count} case(s) parsed and checked; nothing sent (--dry-run)."));
    }
}
