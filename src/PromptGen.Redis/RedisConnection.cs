using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace PromptGen;

/// <summary>
/// The one Redis connection of a router: connects in the background (a Redis that is down at start-up is not an error)
/// and reconnects by itself. Every shared feature asks <see cref="IsConnected"/> first, so a Redis outage costs no call
/// a timeout: the feature degrades to its local behaviour at once, with one warning per outage.
/// </summary>
internal sealed partial class RedisConnection : IDisposable
{
    private readonly ILogger _logger;
    private int _degraded;

    public RedisConnection(PromptGenRedisOptions options, ILogger logger)
    {
        _logger = logger;
        Prefix = options.KeyPrefix;
        var configuration = ConfigurationOptions.Parse(options.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectRetry = 1;
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
        Multiplexer = ConnectionMultiplexer.Connect(configuration);
        Multiplexer.ConnectionRestored += (_, _) =>
        {
            if (Interlocked.Exchange(ref _degraded, 0) == 1)
            {
                Restored(_logger);
            }
        };
    }

    public IConnectionMultiplexer Multiplexer { get; }

    public string Prefix { get; }

    public bool IsConnected => Multiplexer.IsConnected;

    /// <summary>Notes that <paramref name="feature"/> runs locally because Redis is unreachable; warns once per outage.</summary>
    public void Degrade(string feature, Exception? error)
    {
        if (Interlocked.Exchange(ref _degraded, 1) == 0)
        {
            Degraded(_logger, feature, error?.GetType().Name ?? "not connected");
        }
    }

    /// <summary>Whether an exception is Redis being unreachable (degrade), not a bug.</summary>
    public static bool IsOutage(Exception error) => error is RedisException or TimeoutException or ObjectDisposedException;

    public void Dispose() => Multiplexer.Dispose();

    [LoggerMessage(101, LogLevel.Warning, "Redis is unreachable ({Error}); {Feature} and every other shared feature run locally on this instance until it is back (calls go on)")]
    private static partial void Degraded(ILogger logger, string feature, string error);

    [LoggerMessage(102, LogLevel.Information, "Redis is reachable again; the response cache, budgets and route health are shared again")]
    private static partial void Restored(ILogger logger);
}
