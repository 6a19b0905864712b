using Microsoft.Extensions.Time.Testing;

namespace PromptGen.Tests.Resilience;

/// <summary>
/// A fake clock that reports each timer as it is created, so a test advances time exactly when the code under test is
/// waiting (a retry backoff, a break duration) and never races it. No real waiting involved.
/// </summary>
internal sealed class FakeClock : FakeTimeProvider
{
    private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource<TimeSpan> Done)> _waiters = [];
    private readonly List<TimeSpan> _created = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_waiters)
        {
            _created.Add(dueTime);
            foreach (var waiter in _waiters.Where(w => w.Match(dueTime)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(dueTime);
            }
        }

        return timer;
    }

    /// <summary>Completes when a timer whose due time matches is created (counting only timers created from now on).</summary>
    public Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match)
    {
        lock (_waiters)
        {
            var done = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>Waits until the awaited timer exists, then moves the clock by its due time.</summary>
    public async Task AdvanceWhenWaitingAsync(Task<TimeSpan> timer)
    {
        Advance(await timer);
    }
}
