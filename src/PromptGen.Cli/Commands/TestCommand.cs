using Microsoft.Extensions.DependencyInjection;
using System.CommandLine;
using System.Globalization;
using PromptGen.Evaluation;
using PromptGen.Testing;

namespace PromptGen.Cli.Commands;

/// <summary>
/// <c>promptgen test</c>: the options, the configuration and the simulator; loading, running and reporting are
/// PromptGen.Evaluation's <see cref="TestRun"/>.
/// </summary>
internal static class TestCommand
{
    public static Command Create(CliHost host)
    {
        var suites = new Argument<string[]>("suite") { Description = "Suite files: PromptGen JSON/YAML (docs/schemas/promptgen-suite.schema.json) or llm_call test_prompts.json. None with --assembly/--project: run their [PromptExample]s.", Arity = ArgumentArity.ZeroOrMore };
        var config = CommonOptions.Config();
        var filter = new Option<string[]>("--filter", "-f") { Description = "Run only matching cases: an id glob (capital_*) or tag:<name>. Repeatable; a case runs if any filter matches.", AllowMultipleArgumentsPerToken = false };
        var model = new Option<string>("--model", "-m") { Description = "Run every case on this model id or alias, whatever the suite says." };
        var route = new Option<string[]>("--route") { Description = "Map a suite model to another: from=to (from may be provider/* or 'default'). Repeatable." };
        var repeat = new Option<int>("--repeat") { Description = "Run every case N times (flakiness).", DefaultValueFactory = _ => 1 };
        var rerun = new Option<string>("--rerun-failed") { Description = "Run only the cases that FAILED or ERRORED in this results.json or results.jsonl." };
        var shard = new Option<string>("--shard") { Description = "Run shard i of n (1-based, i/n): cases are dealt round-robin in suite order." };
        var failFast = new Option<bool>("--fail-fast") { Description = "Stop starting cases after the first FAIL or ERROR." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Parse and check the suites (rules, fields) and list the cases; send nothing." };
        var imagesOutside = new Option<bool>("--allow-images-outside") { Description = "Let suites read image files outside their own folder (../x.png, /abs/path, image_directory elsewhere). Off by default: a downloaded suite cannot read your files." };
        var debug = new Option<bool>("--debug") { Description = "Record PromptGen's debug timeline (requests, raw answers, retry decisions) in results." };
        var output = new Option<string>("--out", "-o") { Description = "Directory for results and reports.", DefaultValueFactory = _ => "promptgen-results" };
        var report = new Option<string>("--report") { Description = "Reports to write besides results.jsonl: any of json,junit,md,html.", DefaultValueFactory = _ => "json,junit,md,html" };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Cases in flight at once (never more).", DefaultValueFactory = _ => 4 };
        var providerLimit = new Option<string[]>("--provider-limit") { Description = "At most n cases in flight on one provider: provider=n (for example max=2). Repeatable." };
        var threshold = new Option<double?>("--threshold") { Description = "Pass when the pass rate (passed ÷ cases run) is at least this (0..1) even if some cases failed. Errors still exit 2." };
        var stream = new Option<bool>("--stream") { Description = "Stream answers and record time to first token (cases and suite defaults may set \"stream\" themselves); rules still check the assembled text." };
        var simulator = new Option<bool>("--simulator") { Description = "Answer from the built-in LLM simulator even when a real provider is configured." };
        var assembly = new Option<string[]>("--assembly") { Description = "A built assembly whose generated prompt methods cases may \"call\" (loaded in its own context). Repeatable." };
        var examples = new Option<bool>("--examples") { Description = "Also run the [PromptExample]s of the --assembly/--project methods (the default when no suite file is given)." };
        var project = new Option<string[]>("--project") { Description = "A project to build first; cases may \"call\" its generated prompt methods. Repeatable." };
        var simulatorRules = new Option<string>("--simulator-rules") { Description = "Run against the built-in simulator answering from this rules file (the 'promptgen simulate --rules' format); implies --simulator." };
        var baseline = new Option<string>("--baseline") { Description = "Compare every case with the same case in this earlier results.json (a blessed run): regressed, fixed, still failing, flaky, new, removed, and latency/tokens/cost beyond --tolerance. With a baseline the run fails only on regressions (see --fail-on)." };
        var failOn = new Option<string>("--fail-on") { Description = "What fails the run: regressions (default with --baseline: a case that passed before fails now, beyond chance with --repeat), failures (default without: any FAIL), or errors (only an ERROR). Any ERROR exits 2 except that nothing else does under 'errors'." };
        var bless = new Option<bool>("--bless") { Description = "Write this run's results.json to the --baseline file when the run ends (creating it the first time): the run becomes the new baseline." };
        var tolerance = new Option<string>("--tolerance") { Description = "How much a case's mean latency, tokens or cost may change before the comparison reports it: latency=50%,tokens=20%,cost=20% (the defaults)." };
        var record = new Option<string>("--record") { Description = "Record every model exchange (request fingerprint → response, usage, latency) into this directory, one reviewable JSON file per request; secrets are redacted (docs/recording.md)." };
        var replay = new Option<string>("--replay") { Description = "Answer every model request from the recording in this directory, without network or API keys; a request with no recording is an ERROR naming the case and what differs, never a live call." };
        var models = new Option<string>("--models") { Description = "Run every case on each of these models (a,b,c) and report them side by side (pass rate, failures, latency percentiles, tokens, cost, and a cell per case and model)." };
        var gateModel = new Option<string>("--gate-model") { Description = "With --models: the model whose cases decide the exit code, or 'all' (the default)." };
        var command = new Command("test", "Run prompt test suites in parallel and report PASS / FAIL / ERROR with latency, tokens and cost. Exit 0 all passed, 1 failures, 2 errors or bad usage.")
        {
            suites, config, filter, model, route, repeat, rerun, shard, failFast, dryRun, imagesOutside, debug, output, report, parallel, providerLimit, threshold, stream, simulator, simulatorRules, assembly, project, examples,
            baseline, failOn, bless, tolerance, record, replay, models, gateModel,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var suiteFiles = parsed.GetValue(suites) ?? [];
            var (assemblies, projects) = (parsed.GetValue(assembly) ?? [], parsed.GetValue(project) ?? []);
            var runExamples = parsed.GetValue(examples) || suiteFiles.Length == 0;
            if (runExamples && assemblies.Length + projects.Length == 0)
            {
                throw new CliUsageException(suiteFiles.Length == 0
                    ? "Give a suite file, or --assembly <built .dll> / --project <.csproj> to run the [PromptExample]s of its prompt methods."
                    : "--examples runs the [PromptExample]s of --assembly or --project; give one of them.");
            }

            var catalogs = CatalogLoader.Load(host, assemblies, projects, cancellationToken);
            var options = new TestRunOptions
            {
                Catalogs = catalogs,
                Suites = suiteFiles,
                Examples = runExamples,
                Filters = parsed.GetValue(filter) ?? [],
                Model = parsed.GetValue(model),
                Routes = [.. (parsed.GetValue(route) ?? []).Select(r => Pair(r, "--route", "openai/gpt-4o=anthropic/claude-haiku-4-5"))],
                Repeat = Positive(parsed.GetValue(repeat), "--repeat"),
                RerunFailed = parsed.GetValue(rerun),
                Shard = Shard(parsed.GetValue(shard)),
                FailFast = parsed.GetValue(failFast),
                AllowImagesOutside = parsed.GetValue(imagesOutside),
                Debug = parsed.GetValue(debug),
                OutputDirectory = parsed.GetValue(output)!,
                Reports = Reports(parsed.GetValue(report)!),
                Parallel = Positive(parsed.GetValue(parallel), "--parallel"),
                ProviderLimits = [.. (parsed.GetValue(providerLimit) ?? []).Select(p => Pair(p, "--provider-limit", "max=2")).Select(p => (p.From, Positive(int.TryParse(p.To, CultureInfo.InvariantCulture, out var n) ? n : 0, "--provider-limit")))],
                Threshold = parsed.GetValue(threshold) is { } t && (t < 0 || t > 1) ? throw new CliUsageException($"--threshold must be a pass rate between 0 and 1, not {t}.") : parsed.GetValue(threshold),
                Stream = parsed.GetValue(stream),
                Baseline = parsed.GetValue(baseline),
                FailOn = FailOnValue(parsed.GetValue(failOn)),
                Bless = parsed.GetValue(bless),
                Tolerance = parsed.GetValue(tolerance),
                Models = parsed.GetValue(models) is { } list ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null,
                GateModel = parsed.GetValue(gateModel),
            };
            var front = new FrontOptions(
                parsed.GetValue(config),
                parsed.GetValue(dryRun),
                parsed.GetValue(simulator) || parsed.GetValue(simulatorRules) is not null,
                parsed.GetValue(simulatorRules))
            {
                Recording = Recording(parsed.GetValue(record), parsed.GetValue(replay)),
            };
            return RunAsync(host, options, front, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, TestRunOptions options, FrontOptions front, CancellationToken cancellationToken)
    {
        var runHost = new RunHost
        {
            Out = host.Out,
            Error = host.Error,
            WorkingDirectory = host.WorkingDirectory,
            Interactive = host.Interactive,
            Redactor = host.Redactor,
            Time = host.Time,
        };

        // Every suite error comes before the configuration is read or anything is sent.
        var run = TestRun.Load(runHost, options);
        if (front.DryRun)
        {
            run.WriteDryRun();
            return ExitCodes.Success;
        }

        var configuration = CliConfiguration.Load(front.ConfigFile, host);
        LlmSimulator? simulator = null;
        // A replayed run sends nothing: no simulator stands in for an unconfigured provider.
        if (front.UseSimulator || (configuration.NothingConfigured && front.Recording?.Mode != ChatRecordingMode.Replay))
        {
            simulator = front.SimulatorRules is { } rules
                ? await LlmSimulator.StartAsync(new LlmSimulatorOptions { Script = LoadRules(host, rules) }, cancellationToken)
                : await BuiltInSimulator.StartAsync(cancellationToken);
            host.Note(front.UseSimulator
                ? $"running against the built-in LLM simulator ({(front.SimulatorRules is null ? "--simulator" : "rules from " + front.SimulatorRules)})."
                : $"running against the built-in LLM simulator: no {CliConfiguration.DefaultFileName} and none of {string.Join(", ", CliConfiguration.ProviderVariables)} is set.");
        }

        try
        {
            // A 429 with a wait holds that provider for every case of the run: the pipeline's provider budgets (docs/scale-out.md).
            await using var services = configuration.BuildServices(Configure);
            var verdict = await run.RunAsync(services, configuration.Configuration, cancellationToken);
            var recorder = services.GetRequiredService<PromptRouter>().Recorder;
            if (recorder.Mode == ChatRecordingMode.Record)
            {
                host.Note($"recorded {recorder.Recorded} exchange(s) of {recorder.Requests} request(s) into {recorder.Directory}; review and commit them, then run with --replay.");
            }
            else if (recorder.Mode == ChatRecordingMode.Replay)
            {
                host.Note($"replayed {recorder.Replayed} exchange(s) from {recorder.Directory}: 0 live requests.");
            }

            return ExitCodes.Of(verdict);
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
            if (front.Recording is { } recording)
            {
                o.Recording = new ChatRecordingOptions { Mode = recording.Mode, Directory = host.FullPath(recording.Directory!) };
            }

            if (simulator is not null)
            {
                BuiltInSimulator.Apply(simulator, o);
            }
        }
    }

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

    internal static FailOn? FailOnValue(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "regressions" => FailOn.Regressions,
        "failures" => FailOn.Failures,
        "errors" => FailOn.Errors,
        _ => throw new CliUsageException($"--fail-on takes regressions, failures or errors; got '{text}'."),
    };

    private static ChatRecordingOptions? Recording(string? record, string? replay) => (record, replay) switch
    {
        (null, null) => null,
        ({ }, { }) => throw new CliUsageException("--record and --replay exclude each other: record a run first, then replay it."),
        ({ } directory, null) => new ChatRecordingOptions { Mode = ChatRecordingMode.Record, Directory = directory },
        (null, { } directory) => new ChatRecordingOptions { Mode = ChatRecordingMode.Replay, Directory = directory },
    };

    private static int Positive(int value, string option) => value >= 1 ? value : throw new CliUsageException($"{option} must be at least 1.");

    private static (string From, string To) Pair(string text, string option, string example)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        return at > 0 && at < text.Length - 1 ? (text[..at].Trim(), text[(at + 1)..].Trim()) : throw new CliUsageException($"{option} takes name=value, for example {option} {example}; got '{text}'.");
    }

    private static (int Index, int Count)? Shard(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var i) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var n) && n >= 1 && i >= 1 && i <= n
            ? (i, n)
            : throw new CliUsageException($"--shard takes i/n with 1 ≤ i ≤ n, for example --shard 2/4; got '{text}'.");
    }

    internal static HashSet<string> Reports(string text)
    {
        var known = TestRunOptions.KnownReports;
        var chosen = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = chosen.Except(known, StringComparer.OrdinalIgnoreCase).ToList();
        return unknown.Count == 0 ? chosen : throw new CliUsageException($"--report: unknown report '{string.Join(", ", unknown)}'; choose from {string.Join(",", known)}.");
    }
}

/// <summary>The options of <c>promptgen test</c> that belong to the tool, not to the run.</summary>
internal sealed record FrontOptions(string? ConfigFile, bool DryRun, bool UseSimulator, string? SimulatorRules)
{
    /// <summary>Gets <c>--record</c> or <c>--replay</c>, with the directory resolved against the working directory.</summary>
    public ChatRecordingOptions? Recording { get; init; }
}
