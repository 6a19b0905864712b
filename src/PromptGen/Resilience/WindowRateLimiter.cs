using System.Threading.RateLimiting;

namespace PromptGen;

/// <summary>
/// A fixed-window budget of <c>permits</c> per <c>window</c> in this process, on the router's <see cref="TimeProvider"/>:
/// a window starts with the first request after the previous one ended, and a refused lease carries
/// <see cref="MetadataName.RetryAfter"/> (the rest of the window). The same algorithm as PromptGen.Redis's shared limiter,
/// which falls back to this one while Redis is unreachable. Not <c>FixedWindowRateLimiter</c>: System.Threading.RateLimiting
/// (10.0) replenishes on the wall clock (a timer or <c>Stopwatch</c>) and takes no <see cref="TimeProvider"/>, so a
/// budget on it could not be tested on a fake clock.
/// </summary>
internal sealed class WindowRateLimiter(int permits, TimeSpan window, TimeProvider time) : RateLimiter
{
    private readonly Lock _lock = new();
    private DateTimeOffset _end = DateTimeOffset.MinValue;
    private int _used;

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = time.GetUtcNow() >= _end ? permits : permits - _used };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, permits);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (now >= _end)
            {
                _end = now + window;
                _used = 0;
            }

            if (_used + permitCount <= permits)
            {
                _used += permitCount;
                return WindowLease.Acquired;
            }

            return WindowLease.Refused(_end - now);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) => new(AttemptAcquireCore(permitCount));
}
