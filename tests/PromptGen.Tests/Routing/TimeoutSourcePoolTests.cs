using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using PromptGen.Testing;

namespace PromptGen.Tests.Routing;

/// <summary>
/// The attempt-timeout sources: reused on the system clock only when they never fired, with nothing of the previous
/// attempt left on them; timeouts of a second or more watched by one ticker (never early, at most one resolution late);
/// fresh and bound to the given clock on any other time provider.
/// </summary>
public sealed class TimeoutSourcePoolTests
{
    private static readonly ChatMessage[] s_hi = [new(ChatRole.User, "hi")];

    [Fact]
    public void A_source_that_did_not_fire_is_reused_without_the_previous_attempts_callbacks()
    {
        using var pool = new TimeoutSourcePool(TimeProvider.System);
        var first = pool.Rent(TimeSpan.FromMinutes(5));
        var earlier = 0;
        first.Token.Register(() => earlier++);
        pool.Return(first);

        var second = pool.Rent(TimeSpan.FromMilliseconds(500));
        Assert.Same(first, second);
        Assert.False(second.IsCancellationRequested);
        second.Cancellation.Cancel();
        Assert.Equal(0, earlier);
    }

    [Fact]
    public void A_source_that_fired_is_never_handed_out_again()
    {
        using var pool = new TimeoutSourcePool(TimeProvider.System);
        var fired = pool.Rent(TimeSpan.FromMinutes(5));
        fired.Cancellation.Cancel();
        pool.Return(fired);

        var next = pool.Rent(TimeSpan.FromMinutes(5));
        Assert.NotSame(fired, next);
        Assert.False(next.IsCancellationRequested);
    }

    [Fact]
    public void A_coarse_timeout_fires_on_the_first_tick_after_it_passes_and_never_before()
    {
        var time = new FakeTimeProvider();
        using var pool = new TimeoutSourcePool(time, pooled: true, autoTick: false);
        var source = pool.Rent(TimeSpan.FromSeconds(10));
        var other = pool.Rent(TimeSpan.FromSeconds(30));

        time.Advance(TimeSpan.FromSeconds(9.9));
        pool.Tick();
        Assert.False(source.IsCancellationRequested);

        time.Advance(TimeSpan.FromSeconds(0.1));
        pool.Tick();
        Assert.True(source.IsCancellationRequested);
        Assert.False(other.IsCancellationRequested);

        // A fired source is dropped; one returned before its timeout is no longer watched and comes back clean.
        pool.Return(source);
        pool.Return(other);
        time.Advance(TimeSpan.FromMinutes(1));
        pool.Tick();
        var reused = pool.Rent(TimeSpan.FromSeconds(10));
        Assert.Same(other, reused);
        Assert.False(reused.IsCancellationRequested);
    }

    [Fact]
    public void The_ticker_runs_by_itself_while_attempts_are_in_flight_and_stops_when_idle()
    {
        var time = new FakeTimeProvider();
        using var pool = new TimeoutSourcePool(time, pooled: true, autoTick: true);
        var source = pool.Rent(TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(source.IsCancellationRequested);
        time.Advance(TimeSpan.FromMilliseconds(350));
        Assert.True(source.IsCancellationRequested);

        // Idle for ten seconds: the ticker stops; the next coarse timeout starts it again.
        time.Advance(TimeSpan.FromSeconds(11));
        var later = pool.Rent(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1.25));
        Assert.True(later.IsCancellationRequested);
    }

    [Fact]
    public void A_source_returned_after_the_ticker_took_it_is_not_reused()
    {
        var time = new FakeTimeProvider();
        using var pool = new TimeoutSourcePool(time, pooled: true, autoTick: false);
        var source = pool.Rent(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(2));
        pool.Tick();
        pool.Return(source);

        Assert.NotSame(source, pool.Rent(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void On_a_fake_clock_every_source_is_fresh_and_fires_exactly_on_time()
    {
        var time = new FakeTimeProvider();
        using var pool = new TimeoutSourcePool(time);
        var source = pool.Rent(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(source.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(source.IsCancellationRequested);

        var unused = pool.Rent(TimeSpan.FromSeconds(10));
        pool.Return(unused);
        Assert.NotSame(unused, pool.Rent(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void The_pool_keeps_at_most_its_cap()
    {
        using var pool = new TimeoutSourcePool(TimeProvider.System);
        var rented = Enumerable.Range(0, TimeoutSourcePool.MaxPooled + 10).Select(_ => pool.Rent(TimeSpan.FromMinutes(5))).ToList();
        rented.ForEach(pool.Return);

        var again = Enumerable.Range(0, TimeoutSourcePool.MaxPooled + 10).Select(_ => pool.Rent(TimeSpan.FromMinutes(5))).ToList();
        Assert.Equal(TimeoutSourcePool.MaxPooled, again.Count(rented.Contains));
        again.ForEach(pool.Return);
    }

    [Fact]
    public async Task On_the_system_clock_an_attempt_timeout_is_a_timeout_and_the_next_call_still_gets_a_live_source()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.When(userContains: "hang").Fault(SimulatorFault.Hang);
        host.Simulator.Script.Always().Reply("ok");

        var error = await Assert.ThrowsAsync<PromptTimeoutException>(() =>
            host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hang")], new PromptCallOptions { Model = "openai/gpt-4o-mini", AttemptTimeout = TimeSpan.FromMilliseconds(1) }));
        Assert.Equal(PromptErrorKind.Timeout, error.Kind);

        for (var i = 0; i < 3; i++)
        {
            var answer = await host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini" });
            Assert.Equal("ok", answer.Value.Text);
        }
    }
}
