using System.Threading.RateLimiting;

namespace PromptGen;

/// <summary>
/// A budget shared through Redis (<see cref="RedisWindowRateLimiter"/>, one Lua script per acquire) that falls back to the
/// same budget in this process while Redis is unreachable: a Redis outage never blocks or fails a request, it only makes
/// the budget per instance until Redis is back.
/// </summary>
internal sealed class FallbackRateLimiter(RateLimiter shared, RateLimiter local, RedisConnection connection) : RateLimiter
{
    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (connection.IsConnected)
        {
            try
            {
                return shared.AttemptAcquire(permitCount);
            }
            catch (Exception error) when (RedisConnection.IsOutage(error))
            {
                connection.Degrade("the shared budgets", error);
            }
        }
        else
        {
            connection.Degrade("the shared budgets", null);
        }

        return local.AttemptAcquire(permitCount);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (connection.IsConnected)
        {
            try
            {
                return await shared.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (RedisConnection.IsOutage(error))
            {
                connection.Degrade("the shared budgets", error);
            }
        }
        else
        {
            connection.Degrade("the shared budgets", null);
        }

        return await local.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            shared.Dispose();
            local.Dispose();
        }

        base.Dispose(disposing);
    }
}
