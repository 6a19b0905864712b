using System.Collections.Concurrent;

namespace PromptGen;

/// <summary>
/// Reusable cancellation sources for attempt timeouts. On the system clock a source that did not fire is reset and kept
/// (with its timer), so a call allocates no source, timer or registration list; on any other <see cref="TimeProvider"/>
/// (a fake clock in tests) every attempt gets a fresh source on that provider, because only a new source can be bound
/// to it. The pool holds at most <see cref="MaxPooled"/> sources: about the number of attempts in flight at once.
/// </summary>
internal sealed class TimeoutSourcePool(TimeProvider time)
{
    internal const int MaxPooled = 1024;

    private readonly ConcurrentQueue<CancellationTokenSource>? _pool = time == TimeProvider.System ? new() : null;
    private int _count;

    /// <summary>Gets a source that cancels after <paramref name="timeout"/> on the pool's clock.</summary>
    public CancellationTokenSource Rent(TimeSpan timeout)
    {
        if (_pool is null)
        {
            return new CancellationTokenSource(timeout, time);
        }

        if (_pool.TryDequeue(out var source))
        {
            Interlocked.Decrement(ref _count);
        }
        else
        {
            source = new CancellationTokenSource();
        }

        // Banned elsewhere because it bypasses TimeProvider; here the pool exists only on the system clock, where
        // CancelAfter is exactly what the TimeProvider constructor would do, and it reuses the source's timer.
#pragma warning disable RS0030
        source.CancelAfter(timeout);
#pragma warning restore RS0030
        return source;
    }

    /// <summary>Gives a source back: kept when it never fired (its timer and callbacks are reset), disposed otherwise.</summary>
    public void Return(CancellationTokenSource source)
    {
        if (_pool is not null && source.TryReset())
        {
            if (Interlocked.Increment(ref _count) <= MaxPooled)
            {
                _pool.Enqueue(source);
                return;
            }

            Interlocked.Decrement(ref _count);
        }

        source.Dispose();
    }
}
