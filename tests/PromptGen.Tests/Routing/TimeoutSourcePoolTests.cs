using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using PromptGen.Testing;

namespace PromptGen.Tests.Routing;

/// <summary>
/// The attempt-timeout sources: reused on the system clock only when they never fired, with nothing of the previous
/// attempt left on them; fresh and bound to the given clock on any other time provider.
/// </summary>
public sealed class TimeoutSourcePoolTests
{
    private static readonly ChatMessage[] s_hi = [new(ChatRole.User, "hi")];

    [Fact]
    public void A_source_that_did_not_fire_is_reused_without_the_previous_attempts_callbacks()
    {
        var pool = new TimeoutSourcePool(TimeProvider.System);
        var first = pool.Rent(TimeSpan.FromMinutes(5));
        var earlier = 0;
        first.Token.Register(() => earlier++);
        pool.Return(first);

        var second = pool.Rent(TimeSpan.FromMinutes(5));
        Assert.Same(first, second);
        Assert.False(second.IsCancellationRequested);
        second.Cancel();
        Assert.Equal(0, earlier);
    }

    [Fact]
    public void A_source_that_fired_is_never_handed_out_again()
    {
        var pool = new TimeoutSourcePool(TimeProvider.System);
        var fired = pool.Rent(TimeSpan.FromMinutes(5));
        fired.Cancel();
        pool.Return(fired);

        var next = pool.Rent(TimeSpan.FromMinutes(5));
        Assert.NotSame(fired, next);
        Assert.False(next.IsCancellationRequested);
    }

    [Fact]
    public void A_rented_source_fires_after_its_timeout_on_a_fake_clock_and_is_never_pooled()
    {
        var time = new FakeTimeProvider();
        var pool = new TimeoutSourcePool(time);
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
        var pool = new TimeoutSourcePool(TimeProvider.System);
        var rented = Enumerable.Range(0, TimeoutSourcePool.MaxPooled + 10).Select(_ => pool.Rent(TimeSpan.FromMinutes(5))).ToList();
        rented.ForEach(pool.Return);

        var again = Enumerable.Range(0, TimeoutSourcePool.MaxPooled + 10).Select(_ => pool.Rent(TimeSpan.FromMinutes(5))).ToList();
        Assert.Equal(TimeoutSourcePool.MaxPooled, again.Count(rented.Contains));
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
