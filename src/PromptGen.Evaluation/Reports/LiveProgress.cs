using Spectre.Console;

namespace PromptGen.Evaluation.Reports;

/// <summary>
/// Progress while a suite runs: a Spectre.Console bar with running counts on a terminal, one plain line per finished
/// case when output is redirected (CI logs, files, tests).
/// </summary>
internal static class LiveProgress
{
    public static Task<T> RunAsync<T>(RunHost host, int total, Func<Action<CaseResult>, Task<T>> run)
    {
        var done = 0;
        if (!host.Interactive)
        {
            return run(result => host.Error.WriteLine(ConsoleSummary.Progress(result, ++done, total)));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(host.Error) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("running", maxValue: Math.Max(1, total));
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                return await run(result =>
                {
                    counts[result.Outcome] = counts.GetValueOrDefault(result.Outcome) + 1;
                    task.Increment(1);
                    task.Description = $"[green]{counts.GetValueOrDefault(Outcomes.Pass)} pass[/] [red]{counts.GetValueOrDefault(Outcomes.Fail)} fail[/] [yellow]{counts.GetValueOrDefault(Outcomes.Error)} error[/] {counts.GetValueOrDefault(Outcomes.Skipped)} skipped";
                }).ConfigureAwait(false);
            });
    }
}
