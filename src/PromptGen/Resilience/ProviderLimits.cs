using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;

namespace PromptGen;

/// <summary>
/// The request and token budgets of <see cref="PromptGenOptions.Limits"/>, applied before every request of the one call
/// pipeline: the budgets of the route's model (<c>openai/gpt-4o</c>) and of its provider (<c>openai</c>), each a
/// <see cref="RateLimiter"/> from the <see cref="FleetCoordinator"/> (shared through Redis, or local). A spent budget
/// waits when the wait fits in the call's deadline, else the request fails with a <see cref="RateLimitedException"/>
/// marked <see cref="IsBudget"/>: not retried, not counted by the breaker, so the call falls over to the next model.
/// A provider's own 429 that names a wait (<c>Retry-After</c>, read by <see cref="RateLimitHeaders"/>) holds the
/// provider the same way (<see cref="Hold"/>): every other request to it waits until then, or falls over when that is
/// past its deadline; the hold is shared with the fleet. This is the test runner's back-off too (one mechanism).
/// </summary>
internal sealed class ProviderLimits(IDictionary<string, ProviderLimitOptions> configured, FleetCoordinator fleet, TimeProvider time)
{
    private const string BudgetMark = "PromptGen.Budget";

    private readonly ConcurrentDictionary<string, Budget[]> _byRoute = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _holds = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _budgets = configured.Count > 0;
    private volatile bool _held;

    /// <summary>Gets a value indicating whether any budget is configured or any provider was ever held (no limiter is consulted otherwise).</summary>
    public bool Any => _budgets || _held || fleet.AnyHeld;

    /// <summary>Holds <paramref name="route"/>'s provider for <paramref name="wait"/> after it answered 429 with that wait, here and across the fleet.</summary>
    public void Hold(ModelRoute route, TimeSpan wait)
    {
        var until = time.GetUtcNow() + wait;
        _holds.AddOrUpdate(route.Endpoint.Provider, until, (_, known) => known > until ? known : until);
        _held = true;
        fleet.ReportHeld(route.Endpoint.Provider, until);
    }

    /// <summary>Whether <paramref name="error"/> is a spent budget of this instance or fleet, not a provider's 429.</summary>
    public static bool IsBudget(Exception? error) => error is RateLimitedException && error.Data.Contains(BudgetMark);

    /// <summary>
    /// Waits out a hold of <paramref name="route"/>'s provider, then takes one request and the estimated input tokens from
    /// every budget of the route, waiting within <paramref name="deadline"/>.
    /// </summary>
    /// <returns>How long the request waited (zero when it did not).</returns>
    public async ValueTask<TimeSpan> AcquireAsync(ModelRoute route, int estimatedTokens, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var waited = false;
        while (HeldUntil(route.Endpoint.Provider) - time.GetUtcNow() is var held && held > TimeSpan.Zero)
        {
            var wait = !configured.TryGetValue(route.Endpoint.Provider, out var limit) || limit.WaitForBudget;
            if (!wait || deadline is { } end && time.GetUtcNow() + held >= end)
            {
                throw Held(route, held, wait);
            }

            waited = true;
            await Task.Delay(held, time, cancellationToken).ConfigureAwait(false);
        }

        foreach (var budget in BudgetsOf(route))
        {
            var permits = budget.Tokens ? Math.Clamp(estimatedTokens, 1, budget.Limit) : 1;
            while (true)
            {
                using var lease = await budget.Limiter.AcquireAsync(permits, cancellationToken).ConfigureAwait(false);
                if (lease.IsAcquired)
                {
                    break;
                }

                var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : budget.Window;
                if (!budget.Wait || deadline is { } end && time.GetUtcNow() + wait >= end)
                {
                    throw Spent(route, budget, wait, deadline is not null && budget.Wait);
                }

                waited = true;
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }

        return waited ? time.GetElapsedTime(started) : TimeSpan.Zero;
    }

    /// <summary>Until when <paramref name="provider"/> is held, by this instance's 429s or the fleet's; the past when it is not.</summary>
    private DateTimeOffset HeldUntil(string provider)
    {
        var local = _holds.TryGetValue(provider, out var here) ? here : DateTimeOffset.MinValue;
        return fleet.HeldUntil(provider) is { } shared && shared > local ? shared : local;
    }

    /// <summary>Charges the output tokens an answer used to the token budgets of <paramref name="route"/> (never waits).</summary>
    public void Charge(ModelRoute route, long? outputTokens)
    {
        if (outputTokens is not > 0)
        {
            return;
        }

        foreach (var budget in BudgetsOf(route))
        {
            if (budget.Tokens)
            {
                budget.Limiter.AttemptAcquire((int)Math.Clamp(outputTokens.Value, 1, budget.Limit)).Dispose();
            }
        }
    }

    private Budget[] BudgetsOf(ModelRoute route) => _byRoute.GetOrAdd(route.Id.Canonical, static (_, state) => state.Self.Create(state.Route), (Self: this, Route: route));

    private Budget[] Create(ModelRoute route)
    {
        List<Budget> budgets = [];
        foreach (var name in new[] { route.Id.Canonical, route.Endpoint.Provider }.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!configured.TryGetValue(name, out var limit))
            {
                continue;
            }

            if (limit.RequestsPerMinute is { } requests)
            {
                budgets.Add(new Budget(name, "requests", false, requests, limit.Window, limit.WaitForBudget, fleet.CreateLimiter($"{name}:requests", requests, limit.Window, time)));
            }

            if (limit.TokensPerMinute is { } tokens)
            {
                budgets.Add(new Budget(name, "tokens", true, tokens, limit.Window, limit.WaitForBudget, fleet.CreateLimiter($"{name}:tokens", tokens, limit.Window, time)));
            }
        }

        return [.. budgets];
    }

    private static RateLimitedException Spent(ModelRoute route, Budget budget, TimeSpan wait, bool pastDeadline)
    {
        var setting = budget.Tokens ? "TokensPerMinute" : "RequestsPerMinute";
        var why = pastDeadline ? "waiting would pass the call's deadline" : $"Limits:{budget.Name}:WaitForBudget is false";
        var error = new RateLimitedException(
            $"The {budget.Unit} budget of '{budget.Name}' ({budget.Limit.ToString(CultureInfo.InvariantCulture)} per {budget.Window}, shared by every instance that uses the same store) is spent; the next permit is due in {wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s and {why}, so no request was sent to '{route.Id.Canonical}' and the call falls over to the next model. Raise Limits:{budget.Name}:{setting}, or the call's deadline to wait instead.",
            wait);
        error.Data[BudgetMark] = true;
        return error;
    }

    private static RateLimitedException Held(ModelRoute route, TimeSpan wait, bool pastDeadline)
    {
        var provider = route.Endpoint.Provider;
        var why = pastDeadline ? "waiting would pass the call's deadline" : $"Limits:{provider}:WaitForBudget is false";
        var error = new RateLimitedException(
            $"'{provider}' answered 429 and asked every caller to wait (its Retry-After, seen by this or another instance); it is due again in {wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s and {why}, so no request was sent to '{route.Id.Canonical}' and the call falls over to the next model. Lower the request rate (Limits:{provider}:RequestsPerMinute), or raise the call's deadline to wait instead.",
            wait);
        error.Data[BudgetMark] = true;
        return error;
    }

    private sealed record Budget(string Name, string Unit, bool Tokens, int Limit, TimeSpan Window, bool Wait, RateLimiter Limiter);
}
