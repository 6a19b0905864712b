namespace PromptGen.Evaluation;

/// <summary>
/// Runs cases with at most <c>parallel</c> in flight (a semaphore taken before each case starts, in suite order),
/// hands each result to the sink as it finishes, and returns the results in suite order whatever the completion order.
/// On cancellation (Ctrl+C) cases in flight are abandoned and every finished one is kept.
/// </summary>
internal sealed class SuiteRunner(Func<TestCase, CancellationToken, Task<CaseResult>> runCase, int parallel, bool failFast)
{
    private int _inFlight;

    /// <summary>Gets the most cases that were ever in flight at once.</summary>
    public int PeakInFlight { get; private set; }

    public async Task<(IReadOnlyList<CaseResult> Results, bool Interrupted)> RunAsync(IReadOnlyList<TestCase> cases, Action<CaseResult> onFinished, CancellationToken cancellationToken)
    {
        var results = new CaseResult?[cases.Count];
        using var gate = new SemaphoreSlim(parallel, parallel);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sync = new Lock();
        var running = new List<Task>(cases.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            try
            {
                await gate.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var index = i;
            running.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        lock (sync)
                        {
                            PeakInFlight = Math.Max(PeakInFlight, ++_inFlight);
                        }

                        var result = await runCase(cases[index], stop.Token).ConfigureAwait(false);
                        lock (sync)
                        {
                            results[index] = result;
                            onFinished(result);
                        }

                        if (failFast && result.Outcome is Outcomes.Fail or Outcomes.Error)
                        {
                            await stop.CancelAsync().ConfigureAwait(false);
                        }
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        // Abandoned by Ctrl+C or --fail-fast: not a result.
                    }
                    finally
                    {
                        lock (sync)
                        {
                            _inFlight--;
                        }

                        gate.Release();
                    }
                },
                CancellationToken.None));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        return ([.. results.Where(r => r is not null).Select(r => r!)], cancellationToken.IsCancellationRequested);
    }
}
