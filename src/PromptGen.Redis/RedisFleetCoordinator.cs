using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace PromptGen;

/// <summary>
/// Budgets and route health shared by every instance through Redis. Budgets: RedisRateLimiting's fixed-window limiter
/// (an atomic Lua script per acquire) under <c>{prefix}limit:{name}:requests|tokens</c>. Health: an instance whose
/// breaker opens writes <c>{prefix}health</c> (hash: route → until, Unix ms) and publishes on the channel of the same
/// name; every instance keeps the open routes in memory (no Redis round trip per call) and skips them until the break
/// ends; then one instance claims <c>{prefix}probe:{route}</c> (SET NX PX) and probes, the others keep skipping until it
/// reports recovered or open again. While Redis is unreachable: local budgets, local breakers, one warning.
/// </summary>
internal sealed class RedisFleetCoordinator : FleetCoordinator, IDisposable
{
    private readonly RedisConnection _connection;
    private readonly PromptGenRedisOptions _options;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _open = new(StringComparer.OrdinalIgnoreCase);
    private readonly RedisChannel _channel;
    private readonly RedisKey _health;
    private readonly string _instance = Guid.NewGuid().ToString("N");

    public RedisFleetCoordinator(RedisConnection connection, PromptGenRedisOptions options)
    {
        _connection = connection;
        _options = options;
        _channel = RedisChannel.Literal(options.KeyPrefix + "health");
        _health = options.KeyPrefix + "health";
        if (options.ShareHealth)
        {
            // The subscription survives reconnects (StackExchange.Redis resubscribes); the hash seeds what was missed.
            connection.Multiplexer.GetSubscriber().Subscribe(_channel, (_, message) => Apply(message));
            connection.Multiplexer.ConnectionRestored += (_, _) => Seed();
            Seed();
        }
    }

    /// <summary>Raised after a message from the fleet changed what this instance knows (the route), for tests to wait on without a clock.</summary>
    internal event Action<string>? Learned;

    public override RateLimiter CreateLimiter(string partition, int permits, TimeSpan window)
    {
        var local = CreateLocalLimiter(permits, window);
        if (!_options.ShareLimits)
        {
            return local;
        }

        var shared = new RedisFixedWindowRateLimiter<string>(_options.KeyPrefix + "limit:" + partition, new RedisFixedWindowRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => _connection.Multiplexer,
            PermitLimit = permits,
            Window = window,
        });
        return new FallbackRateLimiter(shared, local, _connection);
    }

    public override DateTimeOffset? OpenUntil(string route) => _open.TryGetValue(route, out var until) ? until : null;

    public override void ReportOpened(string route, DateTimeOffset until)
    {
        _open.AddOrUpdate(route, until, (_, known) => known > until ? known : until);
        if (!_options.ShareHealth || !Usable("route health"))
        {
            return;
        }

        var ms = until.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        Send(db =>
        {
            db.HashSet(_health, route, ms, flags: CommandFlags.FireAndForget);

            // A probe that failed re-opens the route: its claim ends with it, so the next break's probe can be claimed.
            db.KeyDelete(_options.KeyPrefix + "probe:" + route, CommandFlags.FireAndForget);
            db.Publish(_channel, $"open|{route}|{ms}", CommandFlags.FireAndForget);
        });
    }

    public override void ReportRecovered(string route)
    {
        _open.TryRemove(route, out _);
        if (!_options.ShareHealth || !Usable("route health"))
        {
            return;
        }

        Send(db =>
        {
            db.HashDelete(_health, route, CommandFlags.FireAndForget);
            db.KeyDelete(_options.KeyPrefix + "probe:" + route, CommandFlags.FireAndForget);
            db.Publish(_channel, $"closed|{route}", CommandFlags.FireAndForget);
        });
    }

    public override async ValueTask<bool> TryClaimProbeAsync(string route, TimeSpan hold, CancellationToken cancellationToken)
    {
        if (!_options.ShareHealth || !Usable("route health"))
        {
            // Local behaviour: this instance's breaker alone decides.
            return true;
        }

        try
        {
            return await _connection.Multiplexer.GetDatabase().StringSetAsync(_options.KeyPrefix + "probe:" + route, _instance, hold, When.NotExists).ConfigureAwait(false);
        }
        catch (Exception error) when (RedisConnection.IsOutage(error))
        {
            _connection.Degrade("route health", error);
            return true;
        }
    }

    public void Dispose()
    {
        if (_options.ShareHealth)
        {
            _connection.Multiplexer.GetSubscriber().Unsubscribe(_channel);
        }
    }

    private bool Usable(string feature)
    {
        if (_connection.IsConnected)
        {
            return true;
        }

        _connection.Degrade(feature, null);
        return false;
    }

    private void Send(Action<IDatabase> commands)
    {
        try
        {
            commands(_connection.Multiplexer.GetDatabase());
        }
        catch (Exception error) when (RedisConnection.IsOutage(error))
        {
            _connection.Degrade("route health", error);
        }
    }

    private void Apply(RedisValue message)
    {
        var parts = ((string?)message ?? string.Empty).Split('|');
        if (parts is ["open", var route, var ms] && long.TryParse(ms, NumberStyles.Integer, CultureInfo.InvariantCulture, out var until))
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(until);
            _open.AddOrUpdate(route, at, (_, known) => known > at ? known : at);
            Learned?.Invoke(route);
        }
        else if (parts is ["closed", var closed])
        {
            _open.TryRemove(closed, out _);
            Learned?.Invoke(closed);
        }
    }

    private void Seed()
    {
        if (!_connection.IsConnected)
        {
            return;
        }

        try
        {
            foreach (var entry in _connection.Multiplexer.GetDatabase().HashGetAll(_health))
            {
                Apply($"open|{entry.Name}|{entry.Value}");
            }
        }
        catch (Exception error) when (RedisConnection.IsOutage(error))
        {
            _connection.Degrade("route health", error);
        }
    }
}
