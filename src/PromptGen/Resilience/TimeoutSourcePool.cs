using System.Collections.Concurrent;

namespace PromptGen;

/// <summary>
/// Cancellation sources for attempt timeouts, cheap enough to take one per attempt.
/// <list type="bullet">
/// <item>On the system clock, sources are pooled: one that did not fire is reset and reused, so an attempt allocates
/// no source, timer or registration list.</item>
/// <item>A timeout of <see cref="CoarseThreshold"/> or more (every provider default, and what attempt timeouts
/// normally are) takes no timer either: a single ticker checks the attempts in flight every <see cref="Resolution"/>
/// and cancels the late ones, as Kestrel's heartbeat does for its timeouts. Such a timeout fires up to
/// <see cref="Resolution"/> late, never early. Shorter timeouts get a timer of their own.</item>
/// <item>On any other <see cref="TimeProvider"/> (a fake clock in tests) every attempt gets a fresh source bound to that
/// provider's timers, so the timeout fires exactly when the clock says.</item>
/// </list>
/// </summary>
internal sealed class TimeoutSourcePool : IDisposable
{
    internal const int MaxPooled = 1024;

    /// <summary>How often the ticker looks for late attempts.</summary>
    internal static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(250);

    /// <summary>The shortest timeout left to the ticker.</summary>
    internal static readonly TimeSpan CoarseThreshold = TimeSpan.FromSeconds(1);

    /// <summary>Ticks with nothing in flight before the ticker stops (it starts again with the next attempt).</summary>
    private const int IdleTicksBeforeStop = 40;

    private readonly TimeProvider _time;
    private readonly bool _pooled;
    private readonly bool _autoTick;
    private readonly ConcurrentQueue<TimeoutSource> _pool = new();
    private readonly Lock _lock = new();
    private int _count;
    private TimeoutSource? _head;
    private ITimer? _ticker;
    private bool _ticking;
    private int _idleTicks;
    private bool _disposed;

    public TimeoutSourcePool(TimeProvider time)
        : this(time, pooled: time == TimeProvider.System, autoTick: true)
    {
    }

    /// <summary>For tests: pooling and the coarse path on any clock, with <see cref="Tick"/> called by hand.</summary>
    internal TimeoutSourcePool(TimeProvider time, bool pooled, bool autoTick)
    {
        _time = time;
        _pooled = pooled;
        _autoTick = autoTick;
    }

    /// <summary>Gets a source that cancels after <paramref name="timeout"/> on the pool's clock.</summary>
    public TimeoutSource Rent(TimeSpan timeout)
    {
        if (!_pooled)
        {
            // Any other clock (a fake one in tests): a timer of that clock per attempt, so the timeout fires exactly when
            // the clock says and can be moved by Reschedule.
            var exact = new TimeoutSource(new CancellationTokenSource());
            if (timeout != Timeout.InfiniteTimeSpan)
            {
                exact.Timer = _time.CreateTimer(static s => Fire((CancellationTokenSource)s!), exact.Cancellation, timeout, Timeout.InfiniteTimeSpan);
            }

            return exact;
        }

        if (_pool.TryDequeue(out var source))
        {
            Interlocked.Decrement(ref _count);
        }
        else
        {
            source = new TimeoutSource(new CancellationTokenSource());
        }

        source.Coarse = false;
        Arm(source, timeout);
        return source;
    }

    /// <summary>
    /// Moves a rented source's timeout to <paramref name="timeout"/> from now (a streamed attempt's first-token and idle
    /// watch). A source that has already fired stays fired.
    /// </summary>
    public void Reschedule(TimeoutSource source, TimeSpan timeout)
    {
        if (!_pooled)
        {
            if (source.Timer is { } timer)
            {
                timer.Change(timeout, Timeout.InfiniteTimeSpan);
            }
            else if (timeout != Timeout.InfiniteTimeSpan)
            {
                source.Timer = _time.CreateTimer(static s => Fire((CancellationTokenSource)s!), source.Cancellation, timeout, Timeout.InfiniteTimeSpan);
            }

            return;
        }

        if (source.Coarse)
        {
            lock (_lock)
            {
                if (source.Fired)
                {
                    return;
                }

                if (timeout >= CoarseThreshold && timeout != Timeout.InfiniteTimeSpan)
                {
                    // Still coarse: moving the due time is all it takes.
                    source.Due = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
                    return;
                }

                Unlink(source);
                source.Coarse = false;
            }
        }
        else
        {
#pragma warning disable RS0030
            source.Cancellation.CancelAfter(Timeout.InfiniteTimeSpan);
#pragma warning restore RS0030
        }

        Arm(source, timeout);
    }

    private void Arm(TimeoutSource source, TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        if (timeout < CoarseThreshold)
        {
            // Banned elsewhere because it bypasses TimeProvider; here the pool is on the system clock, where CancelAfter
            // is exactly what the TimeProvider constructor would do, and it reuses the source's timer.
#pragma warning disable RS0030
            source.Cancellation.CancelAfter(timeout);
#pragma warning restore RS0030
            return;
        }

        source.Coarse = true;
        source.Due = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        lock (_lock)
        {
            source.Next = _head;
            if (_head is not null)
            {
                _head.Previous = source;
            }

            _head = source;
            _idleTicks = 0;
            if (!_ticking && _autoTick && !_disposed)
            {
                _ticking = true;
                _ticker ??= _time.CreateTimer(static pool => ((TimeoutSourcePool)pool!).Tick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _ticker.Change(Resolution, Resolution);
            }
        }
    }

    /// <summary>Gives a source back: kept when it never fired (its timer and callbacks are reset), dropped otherwise.</summary>
    public void Return(TimeoutSource source)
    {
        if (!_pooled)
        {
            source.Timer?.Dispose();
            source.Cancellation.Dispose();
            return;
        }

        if (source.Coarse)
        {
            lock (_lock)
            {
                if (source.Fired)
                {
                    // The ticker took it and cancels it (or has): never reused, never disposed under the ticker's feet.
                    return;
                }

                Unlink(source);
            }
        }

        if (source.Cancellation.TryReset())
        {
            if (Interlocked.Increment(ref _count) <= MaxPooled)
            {
                _pool.Enqueue(source);
                return;
            }

            Interlocked.Decrement(ref _count);
        }

        source.Cancellation.Dispose();
    }

    /// <summary>Cancels every coarse source whose timeout has passed (the ticker calls this every <see cref="Resolution"/>).</summary>
    internal void Tick()
    {
        List<TimeoutSource>? late = null;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            for (var source = _head; source is not null;)
            {
                var next = source.Next;
                if (source.Due <= now)
                {
                    Unlink(source);
                    source.Fired = true;
                    (late ??= []).Add(source);
                }

                source = next;
            }

            if (_head is null && ++_idleTicks >= IdleTicksBeforeStop && _ticking)
            {
                _ticking = false;
                _ticker?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        foreach (var source in late ?? [])
        {
            try
            {
                source.Cancellation.Cancel();
            }
            catch (AggregateException)
            {
                // A callback of the attempt failed; the attempt sees its cancellation anyway, and the ticker must go on.
            }
        }
    }

    private static void Fire(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt ended and gave its source back as the timer fired.
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _ticking = false;
        }

        _ticker?.Dispose();
    }

    private void Unlink(TimeoutSource source)
    {
        if (source.Previous is not null)
        {
            source.Previous.Next = source.Next;
        }
        else
        {
            _head = source.Next;
        }

        if (source.Next is not null)
        {
            source.Next.Previous = source.Previous;
        }

        source.Previous = null;
        source.Next = null;
    }
}

/// <summary>One attempt's timeout: its cancellation source and, on the coarse path, its place among the attempts in flight.</summary>
internal sealed class TimeoutSource(CancellationTokenSource cancellation)
{
    public CancellationTokenSource Cancellation { get; } = cancellation;

    public CancellationToken Token => Cancellation.Token;

    public bool IsCancellationRequested => Cancellation.IsCancellationRequested;

    /// <summary>Gets or sets the timer of a source on a clock other than the system's (never pooled).</summary>
    internal ITimer? Timer { get; set; }

    /// <summary>Gets or sets a value indicating whether the ticker watches this source's timeout (the coarse path).</summary>
    internal bool Coarse { get; set; }

    /// <summary>Gets or sets when the timeout passes, on the pool's timestamp clock (coarse path only).</summary>
    internal long Due { get; set; }

    internal TimeoutSource? Previous { get; set; }

    internal TimeoutSource? Next { get; set; }

    /// <summary>Gets or sets a value indicating whether the ticker found it late (its cancellation is the ticker's to do).</summary>
    internal bool Fired { get; set; }
}
