using System.CommandLine;
using PromptGen.Evaluation;

namespace PromptGen.Cli.Commands;

/// <summary><c>promptgen report merge</c>: the results of <c>--shard i/n</c> runs merged into the whole run's results and reports.</summary>
internal static class ReportCommand
{
    public static Command Create(CliHost host)
    {
        var files = new Argument<string[]>("results") { Description = "The results.json of every shard (--shard 1/n … n/n) of one run.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Directory for the merged results and reports.", DefaultValueFactory = _ => "promptgen-results" };
        var report = new Option<string>("--report") { Description = "Reports to write besides results.jsonl: any of json,junit,md,html.", DefaultValueFactory = _ => "json,junit,md,html" };
        var baseline = new Option<string>("--baseline") { Description = "Compare the merged run with this earlier results.json (as promptgen test --baseline)." };
        var failOn = new Option<string>("--fail-on") { Description = "What fails the merged run: regressions (default with --baseline), failures (default without) or errors." };
        var bless = new Option<bool>("--bless") { Description = "Write the merged results.json to the --baseline file." };
        var tolerance = new Option<string>("--tolerance") { Description = "latency=50%,tokens=20%,cost=20% (the defaults): changes beyond these are reported." };
        var merge = new Command("merge", "Merge the results of --shard i/n runs (parallel CI jobs) into one results file and every report, as if the suite had run in one job. Refuses results of different suites or selections, a shard given twice and a missing shard. Exit codes as promptgen test.")
        {
            files, output, report, baseline, failOn, bless, tolerance,
        };
        merge.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new TestRunOptions
            {
                Suites = [],
                OutputDirectory = parsed.GetValue(output)!,
                Reports = TestCommand.Reports(parsed.GetValue(report)!),
                Baseline = parsed.GetValue(baseline),
                FailOn = TestCommand.FailOnValue(parsed.GetValue(failOn)),
                Bless = parsed.GetValue(bless),
                Tolerance = parsed.GetValue(tolerance),
            };
            var runHost = new RunHost { Out = host.Out, Error = host.Error, WorkingDirectory = host.WorkingDirectory, Redactor = host.Redactor, Time = host.Time };
            return ExitCodes.Of(await TestRun.MergeAsync(runHost, parsed.GetValue(files) ?? [], options));
        });
        return new Command("report", "Work with the results of earlier runs.") { merge };
    }
}
