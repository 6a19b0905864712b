using System.Globalization;
using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace PromptGen;

/// <summary>
/// A fixed-window budget shared by every instance through one Redis hash (<c>end</c>: when the window ends, Unix ms;
/// <c>used</c>: permits taken in it), read and updated by one atomic Lua script per acquire. The same algorithm as the
/// local <see cref="WindowRateLimiter"/> it falls back to: a window starts with the first request after the previous one
/// ended. The current time is the caller's <see cref="TimeProvider"/>, passed to the script, so budgets run on a fake
/// clock in tests and never on Redis's clock; instances whose clocks differ by a few milliseconds see a window end that
/// much apart. The key's expiry (window + one hour after its last use) only removes an idle budget's hash; no decision
/// depends on it.
/// </summary>
internal sealed class RedisWindowRateLimiter(RedisConnection connection, RedisKey key, int permits, TimeSpan window, TimeProvider time) : RateLimiter
{
    // ARGV: now (Unix ms), permits asked, permit limit, window (ms), key expiry (ms). Returns {acquired 0|1, ms until the window ends}.
    private const string Script = """
        local now = tonumber(ARGV[1])
        local asked = tonumber(ARGV[2])
        local window_end = tonumber(redis.call('HGET', KEYS[1], 'end'))
        local used = 0
        if window_end and now < window_end then
          used = tonumber(redis.call('HGET', KEYS[1], 'used')) or 0
        else
          window_end = now + tonumber(ARGV[4])
          redis.call('HSET', KEYS[1], 'end', window_end, 'used', 0)
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        if used + asked <= tonumber(ARGV[3]) then
          redis.call('HINCRBY', KEYS[1], 'used', asked)
          return {1, window_end - now}
        end
        return {0, window_end - now}
        """;

    private static readonly RedisValue s_hour = (long)TimeSpan.FromHours(1).TotalMilliseconds;

    private readonly RedisKey[] _keys = [key];

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        Lease(connection.Multiplexer.GetDatabase().ScriptEvaluate(Script, _keys, Arguments(permitCount)));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        Lease(await connection.Multiplexer.GetDatabase().ScriptEvaluateAsync(Script, _keys, Arguments(permitCount)).ConfigureAwait(false));

    private RedisValue[] Arguments(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, permits);
        var windowMs = (long)window.TotalMilliseconds;
        return [time.GetUtcNow().ToUnixTimeMilliseconds(), permitCount, permits, windowMs, windowMs + (long)s_hour];
    }

    private static WindowLease Lease(RedisResult result)
    {
        var reply = (RedisResult[])result!;
        return (long)reply[0] == 1 ? WindowLease.Acquired : WindowLease.Refused(TimeSpan.FromMilliseconds((long)reply[1]));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{permits} per {window} shared under {key}");
}
