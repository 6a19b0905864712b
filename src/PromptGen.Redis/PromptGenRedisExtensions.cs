using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PromptGen;

/// <summary>Shares PromptGen's response cache, provider budgets and route health through Redis. See docs/scale-out.md.</summary>
public static class PromptGenRedisExtensions
{
    /// <summary>
    /// Makes every instance that calls this with the same Redis (and <see cref="PromptGenRedisOptions.KeyPrefix"/>) one
    /// fleet: cached answers are shared (the response cache's shared level is Redis), <see cref="PromptGenOptions.Limits"/> are
    /// enforced across instances, and a breaker opened by one instance is open for all. While Redis is unreachable each
    /// instance works alone (its memory cache, local budgets, its own breakers) and logs one warning per outage.
    /// </summary>
    /// <param name="builder">The PromptGen builder.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string, for example <c>localhost:6379</c>.</param>
    /// <param name="configure">Adjusts what is shared and the key prefix.</param>
    /// <returns>The builder.</returns>
    public static PromptGenBuilder AddRedis(this PromptGenBuilder builder, string configuration, Action<PromptGenRedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        var options = new PromptGenRedisOptions { Configuration = configuration };
        configure?.Invoke(options);
        var services = builder.Services;
        services.AddSingleton(sp => new RedisConnection(options, (ILogger?)sp.GetService<ILoggerFactory>()?.CreateLogger("PromptGen.Redis") ?? NullLogger.Instance));
        services.AddSingleton<FleetCoordinator>(sp => new RedisFleetCoordinator(sp.GetRequiredService<RedisConnection>(), options));
        if (options.ShareCache)
        {
            // The response cache (AddPromptGen) stores in and reads from the IDistributedCache it finds, after its memory level.
            services.AddSingleton<IDistributedCache>(sp =>
            {
                var connection = sp.GetRequiredService<RedisConnection>();
                var redis = new RedisCache(new RedisCacheOptions
                {
                    InstanceName = options.KeyPrefix + "cache:",
                    ConnectionMultiplexerFactory = () => Task.FromResult(connection.Multiplexer),
                });
                return new DegradingDistributedCache(redis, connection);
            });
        }

        return builder;
    }
}
