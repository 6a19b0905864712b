using Microsoft.Extensions.Caching.Distributed;

namespace PromptGen;

/// <summary>
/// The Redis cache (Microsoft.Extensions.Caching.StackExchangeRedis) behind the response cache, made safe to lose: while Redis
/// is unreachable a read is a miss and a write is skipped, at once and with one warning, so the cache never fails or
/// slows a call.
/// </summary>
internal sealed class DegradingDistributedCache(IDistributedCache redis, RedisConnection connection) : IDistributedCache
{
    public byte[]? Get(string key) => Guard(() => redis.Get(key));

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        if (!connection.IsConnected)
        {
            connection.Degrade("the response cache", null);
            return null;
        }

        try
        {
            return await redis.GetAsync(key, token).ConfigureAwait(false);
        }
        catch (Exception error) when (RedisConnection.IsOutage(error))
        {
            connection.Degrade("the response cache", error);
            return null;
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Guard(() => { redis.Set(key, value, options); return (byte[]?)null; });

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        if (!connection.IsConnected)
        {
            connection.Degrade("the response cache", null);
            return;
        }

        try
        {
            await redis.SetAsync(key, value, options, token).ConfigureAwait(false);
        }
        catch (Exception error) when (RedisConnection.IsOutage(error))
        {
            connection.Degrade("the response cache", error);
        }
    }

    public void Refresh(string key) => Guard(() => { redis.Refresh(key); return (byte[]?)null; });

    public Task RefreshAsync(string key, CancellationToken token = default) => connection.IsConnected ? redis.RefreshAsync(key, token) : Task.CompletedTask;

    public void Remove(string key) => Guard(() => { redis.Remove(key); return (byte[]?)null; });

    public Task RemoveAsync(string key, CancellationToken token = default) => connection.IsConnected ? redis.RemoveAsync(key, token) : Task.CompletedTask;

    private byte[]? Guard(Func<byte[]?> operation)
    {
        if (!connection.IsConnected)
        {
            connection.Degrade("the response cache", null);
            return null;
        }

        try
        {
            return operation();
        }
        catch (Exception error) when (RedisConnection.IsOutage(error))
        {
            connection.Degrade("the response cache", error);
            return null;
        }
    }
}
