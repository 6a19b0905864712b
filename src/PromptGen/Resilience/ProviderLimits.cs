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
/// </summary>
internal sealed class ProviderLimits(IDictionary<string, ProviderLimitOptions> configured, FleetCoordinator fleet, TimeProvider time)
{
    private const string BudgetMark = "PromptGen.Budget";

    private readonly ConcurrentDictionary<string, Budget[]> _byRoute = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets a value indicating whether any budget is configured (no limiter is consulted otherwise).</summary>
    public bool Any { get; } = configured.Count > 0;

    /// <summary>Whether <paramref name="error"/> is a spent budget of this instance or fleet, not a provider's 429.</summary>
    public static bool IsBudget(Exception? error) => error is RateLimitedException && error.Data.Contains(BudgetMark);

    /// <summary>Takes one request and the estimated input tokens from every budget of <paramref name="route"/>, waiting within <paramref name="deadline"/>.</summary>
    public async ValueTask AcquireAsync(ModelRoute route, int estimatedTokens, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
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

                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
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
                budgets.Add(new Budget(name, "requests", false, requests, limit.Window, limit.WaitForBudget, fleet.CreateLimiter($"{name}:requests", requests, limit.Window)));
            }

            if (limit.TokensPerMinute is { } tokens)
            {
                budgets.Add(new Budget(name, "tokens", true, tokens, limit.Window, limit.WaitForBudget, fleet.CreateLimiter($"{name}:tokens", tokens, limit.Window)));
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

    private sealed record Budget(string Name, string Unit, bool Tokens, int Limit, TimeSpan Window, bool Wait, RateLimiter Limiter);
}
