using Microsoft.Extensions.Time.Testing;

namespace PromptGen.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports each timer as it is created, so a test advances time exactly when the
/// code under test is waiting (a retry backoff, a latency, a timeout) and never races it. No real waiting involved.
/// </summary>
/// <example>
/// <code>
/// var clock = new FakeClock();
/// var backoff = clock.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1));
/// var call = router.GetResponseAsync(messages, options);   // fails once, then waits 1 s before retrying
/// await clock.AdvanceWhenWaitingAsync(backoff);            // moves time by exactly 1 s once the wait has begun
/// var result = await call;
/// </code>
/// </example>
public sealed class FakeClock : FakeTimeProvider
{
    private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource<TimeSpan> Done)> _waiters = [];

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(dueTime)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(dueTime);
            }
        }

        return timer;
    }

    /// <summary>Completes when a timer whose due time matches is created (counting only timers created from now on).</summary>
    /// <param name="match">The condition on the timer's due time.</param>
    /// <returns>The due time of the matching timer.</returns>
    public Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match) => WaitForTimersAsync(match, 1);

    /// <summary>Completes when <paramref name="count"/> timers whose due time matches have been created from now on.</summary>
    /// <param name="match">The condition on a timer's due time.</param>
    /// <param name="count">How many matching timers to wait for.</param>
    /// <returns>The due time of the last matching timer.</returns>
    public Task<TimeSpan> WaitForTimersAsync(Func<TimeSpan, bool> match, int count)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var seen = 0;
        lock (_waiters)
        {
            var done = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((due => match(due) && ++seen == count, done));
            return done.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>Waits until the awaited timer exists, then moves the clock by its due time.</summary>
    /// <param name="timer">A task from <see cref="WaitForTimerAsync"/>.</param>
    /// <returns>A task that completes once the clock has moved.</returns>
    public async Task AdvanceWhenWaitingAsync(Task<TimeSpan> timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        Advance(await timer.ConfigureAwait(false));
    }
}
