using System.Threading.RateLimiting;

namespace PromptGen;

/// <summary>
/// What the instances of a fleet share beyond the response cache: request and token budgets (<see cref="CreateLimiter"/>),
/// a provider's 429 back-off (<see cref="ReportHeld"/>) and route health (a breaker opened by one instance is open for all until its break ends, then one instance of the
/// fleet probes). <see cref="Local"/> is the default: limits per process, health per process (the local breakers alone).
/// PromptGen.Redis shares both through Redis and degrades to the local behaviour while Redis is unreachable.
/// </summary>
internal abstract class FleetCoordinator
{
    /// <summary>Gets a coordinator that shares nothing: limiters in this process, no fleet-wide health.</summary>
    public static FleetCoordinator Local { get; } = new LocalFleetCoordinator();

    /// <summary>
    /// A limiter of <paramref name="permits"/> per <paramref name="window"/> for <paramref name="partition"/>, one per
    /// partition for the router's life, whose windows run on <paramref name="time"/> (the router's clock).
    /// </summary>
    public abstract RateLimiter CreateLimiter(string partition, int permits, TimeSpan window, TimeProvider time);

    /// <summary>Until when <paramref name="route"/> is open fleet-wide, as this instance knows it; <see langword="null"/> when it is not.</summary>
    public virtual DateTimeOffset? OpenUntil(string route) => null;

    /// <summary>Tells the fleet that this instance's breaker for <paramref name="route"/> opened until <paramref name="until"/>.</summary>
    public virtual void ReportOpened(string route, DateTimeOffset until)
    {
    }

    /// <summary>Tells the fleet that <paramref name="route"/> answered after its break (the probe succeeded).</summary>
    public virtual void ReportRecovered(string route)
    {
    }

    /// <summary>Gets a value indicating whether the fleet holds any provider (<see cref="HeldUntil"/>), so budgets are consulted.</summary>
    public virtual bool AnyHeld => false;

    /// <summary>Until when the fleet holds <paramref name="provider"/> after a 429 another instance saw; <see langword="null"/> when it does not.</summary>
    public virtual DateTimeOffset? HeldUntil(string provider) => null;

    /// <summary>Tells the fleet that <paramref name="provider"/> answered 429 and asked callers to wait until <paramref name="until"/>.</summary>
    public virtual void ReportHeld(string provider, DateTimeOffset until)
    {
    }

    /// <summary>Claims the one probe of <paramref name="route"/> across the fleet for <paramref name="hold"/>; <see langword="false"/> when another instance holds it.</summary>
    public virtual ValueTask<bool> TryClaimProbeAsync(string route, TimeSpan hold, CancellationToken cancellationToken) => new(true);

    /// <summary>Creates the process-local limiter the default coordinator uses, and the Redis one falls back to.</summary>
    public static RateLimiter CreateLocalLimiter(int permits, TimeSpan window, TimeProvider time) => new WindowRateLimiter(permits, window, time);

    private sealed class LocalFleetCoordinator : FleetCoordinator
    {
        public override RateLimiter CreateLimiter(string partition, int permits, TimeSpan window, TimeProvider time) => CreateLocalLimiter(permits, window, time);
    }
}
