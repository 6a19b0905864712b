using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace PromptGen;

/// <summary>
/// Budgets and route health shared by every instance through Redis. Budgets: <see cref="RedisWindowRateLimiter"/> (a
/// fixed window on the router's <see cref="TimeProvider"/>, one atomic Lua script per acquire) under
/// <c>{prefix}limit:{name}:requests|tokens</c>. Health: an instance whose
/// breaker opens writes <c>{prefix}health</c> (hash: route → until, Unix ms) and publishes on the channel of the same
/// name; every instance keeps the open routes in memory (no Redis round trip per call) and skips them until the break
/// ends; then one instance claims <c>{prefix}probe:{route}</c> (SET NX PX) and probes, the others keep skipping until it
/// reports recovered or open again. Holds (a provider's 429 with a wait): <c>{prefix}holds</c> (hash: provider → until,
/// Unix ms) and <c>hold|provider|until</c> on the same channel; every instance waits for a held provider until then.
/// While Redis is unreachable: local budgets and holds, local breakers, one warning.
/// </summary>
internal sealed class RedisFleetCoordinator : FleetCoordinator, IDisposable
{
    private readonly RedisConnection _connection;
    private readonly PromptGenRedisOptions _options;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _open = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _held = new(StringComparer.OrdinalIgnoreCase);
    private volatile bool _anyHeld;
    private readonly RedisChannel _channel;
    private readonly RedisKey _health;
    private readonly RedisKey _holds;
    private readonly string _instance = Guid.NewGuid().ToString("N");

    public RedisFleetCoordinator(RedisConnection connection, PromptGenRedisOptions options)
    {
        _connection = connection;
        _options = options;
        _channel = RedisChannel.Literal(options.KeyPrefix + "health");
        _health = options.KeyPrefix + "health";
        _holds = options.KeyPrefix + "holds";
        if (options.ShareHealth || options.ShareLimits)
        {
            // The subscription survives reconnects (StackExchange.Redis resubscribes); the hash seeds what was missed.
            connection.Multiplexer.GetSubscriber().Subscribe(_channel, (_, message) => Apply(message));
            connection.Multiplexer.ConnectionRestored += (_, _) => Seed();
            Seed();
        }
    }

    /// <summary>Raised after a message from the fleet changed what this instance knows (the route), for tests to wait on without a clock.</summary>
    internal event Action<string>? Learned;

    public override RateLimiter CreateLimiter(string partition, int permits, TimeSpan window, TimeProvider time)
    {
        var local = CreateLocalLimiter(permits, window, time);
        if (!_options.ShareLimits)
        {
            return local;
        }

        var shared = new RedisWindowRateLimiter(_connection, _options.KeyPrefix + "limit:" + partition, permits, window, time);
        return new FallbackRateLimiter(shared, local, _connection);
    }

    public override bool AnyHeld => _anyHeld;

    public override DateTimeOffset? HeldUntil(string provider) => _held.TryGetValue(provider, out var until) ? until : null;

    public override void ReportHeld(string provider, DateTimeOffset until)
    {
        if (!_options.ShareLimits || !Usable("the shared budgets"))
        {
            return;
        }

        var ms = until.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        Send(db =>
        {
            db.HashSet(_holds, provider, ms, flags: CommandFlags.FireAndForget);
            db.Publish(_channel, $"hold|{provider}|{ms}", CommandFlags.FireAndForget);
        });
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
        if (_options.ShareHealth || _options.ShareLimits)
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
        if (parts is ["hold", var provider, var heldMs] && _options.ShareLimits && long.TryParse(heldMs, NumberStyles.Integer, CultureInfo.InvariantCulture, out var held))
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(held);
            _held.AddOrUpdate(provider, at, (_, known) => known > at ? known : at);
            _anyHeld = true;
            Learned?.Invoke(provider);
        }
        else if (parts is ["open", var route, var ms] && _options.ShareHealth && long.TryParse(ms, NumberStyles.Integer, CultureInfo.InvariantCulture, out var until))
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
            var db = _connection.Multiplexer.GetDatabase();
            foreach (var entry in _options.ShareHealth ? db.HashGetAll(_health) : [])
            {
                Apply($"open|{entry.Name}|{entry.Value}");
            }

            foreach (var entry in _options.ShareLimits ? db.HashGetAll(_holds) : [])
            {
                Apply($"hold|{entry.Name}|{entry.Value}");
            }
        }
        catch (Exception error) when (RedisConnection.IsOutage(error))
        {
            _connection.Degrade("route health", error);
        }
    }
}
