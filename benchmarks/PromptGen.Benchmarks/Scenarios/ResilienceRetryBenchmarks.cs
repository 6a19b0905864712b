using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace PromptGen.Benchmarks;

/// <summary>
/// The resilience failure paths that wait, on a <see cref="FakeTimeProvider"/> so no real time passes: one transient
/// failure then success after a 1 s backoff, and three retries (1, 2, 4 s) exhausted. In pairs: the same Polly v8
/// retry + breaker bare (baseline, <c>ResiliencePipelineBuilder { TimeProvider = clock }</c>) vs PromptRouter (its
/// <see cref="TimeProvider"/> from DI). Each benchmark starts the call, waits until the retry's timer exists, advances
/// the clock by exactly its due time and awaits the result. The <c>fake clock step</c> row measures that dance alone.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ResilienceRetryBenchmarks : IDisposable
{
    private const string OneRetry = "one retry";
    private const string Exhausted = "exhausted";
    private const string Dance = "fake clock";
    private const int SetupCalls = 8;

    private static readonly ChatMessage[] s_messages = [new(ChatRole.User, "ping")];
    private static readonly TimeSpan[] s_waits = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    // The breaker of every row never opens (a call that fails once and succeeds is a 0.5 failure ratio; an exhausted one
    // is 1.0) but still samples every attempt.
    private static readonly CircuitBreakerOptions s_neverOpens = new() { MinimumThroughput = 1_000_000 };

    private readonly FlakyClient _bareFlaky = new();
    private readonly FlakyClient _routedFlaky = new();
    private readonly FlakyClient _bareDown = new(failEvery: 1);
    private readonly FlakyClient _routedDown = new(failEvery: 1);
    private Stepper _bareClock = null!;
    private Stepper _routerClock = null!;
    private Stepper _danceClock = null!;
    private ResiliencePipeline _bare = null!;
    private ServiceProvider _services = null!;
    private PromptRouter _router = null!;
    private PromptCallOptions _oneRetry = null!;
    private PromptCallOptions _exhausted = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _bareClock = new Stepper(new SteppingClock());
        _routerClock = new Stepper(new SteppingClock());
        _danceClock = new Stepper(new SteppingClock());
        static ValueTask<bool> Transient(Exception? e) => new(e is PromptGenException { IsTransient: true });
        _bare = new ResiliencePipelineBuilder { TimeProvider = _bareClock.Clock }
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3, Delay = s_waits[0], BackoffType = DelayBackoffType.Exponential, UseJitter = false, ShouldHandle = static args => Transient(args.Outcome.Exception) })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions { MinimumThroughput = s_neverOpens.MinimumThroughput, ShouldHandle = static args => Transient(args.Outcome.Exception) })
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_routerClock.Clock);
        services.AddPromptGen(configure: o => o.EnvironmentVariables = _ => null)
            .AddChatClient("local/flaky", _routedFlaky)
            .AddChatClient("local/down", _routedDown);
        _services = services.BuildServiceProvider();
        _router = _services.GetRequiredService<PromptRouter>();
        var retry = new RetryOptions { MaxRetries = 3, BaseDelay = s_waits[0], UseJitter = false };
        _oneRetry = new PromptCallOptions { Model = "local/flaky", Retry = retry, CircuitBreaker = s_neverOpens };
        _exhausted = new PromptCallOptions { Model = "local/down", Retry = retry, CircuitBreaker = s_neverOpens };

        // Each row does what it claims, several times in a row (the breakers stay closed, the flaky client stays in step).
        // (A real-time guard, in setup only: a row that never creates its timer would otherwise hang.)
        var guard = TimeSpan.FromSeconds(10);
        for (var i = 0; i < SetupCalls; i++)
        {
            Check((await BareOneRetry().WaitAsync(guard)).Text == "pong", "bare Polly one retry: no answer");
            var routed = await RouterOneRetry().WaitAsync(guard);
            Check(routed.Value.Text == "pong" && routed.Trace.Attempts is [{ Outcome: AttemptOutcome.Failed }, { Kind: AttemptKind.Retry, Outcome: AttemptOutcome.Succeeded }], "PromptRouter one retry: not one failure then success");
            Check(routed.Trace.Attempts[1].Delay == s_waits[0], "PromptRouter one retry: the wait was not 1 s");
            Check(await BareExhausted().WaitAsync(guard) is ProviderUnavailableException, "bare Polly exhausted: not the last error");
            var error = await RouterExhausted().WaitAsync(guard);
            Check(error is ProviderUnavailableException { Trace.Attempts.Count: 4 } e && e.Trace.Attempts.Skip(1).Select(a => a.Delay).SequenceEqual(s_waits), "PromptRouter exhausted: not 4 attempts after 1, 2, 4 s");
        }

        Check(_bareFlaky.Calls == 2 * SetupCalls && _bareDown.Calls == 4 * SetupCalls, "bare Polly: wrong number of attempts");
        Check(_routedFlaky.Calls == 2 * SetupCalls && _routedDown.Calls == 4 * SetupCalls && _router.GetCircuitStatus("local/flaky") == CircuitStatus.Closed, "PromptRouter: wrong number of attempts, or a breaker opened");
        await FakeClockStep().WaitAsync(guard);
        Check(_bareClock.Clock.GetUtcNow() - _bareClock.Start == SetupCalls * TimeSpan.FromSeconds(8), "bare Polly: the clock did not move by exactly the waits");
        Check(_routerClock.Clock.GetUtcNow() - _routerClock.Start == SetupCalls * TimeSpan.FromSeconds(8), "PromptRouter: the clock did not move by exactly the waits");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "Bare Polly: fail, wait 1 s (fake), succeed")]
    [BenchmarkCategory(OneRetry)]
    public async Task<ChatResponse> BareOneRetry()
    {
        var call = _bare.ExecuteAsync(static (client, ct) => new ValueTask<ChatResponse>(client.GetResponseAsync(s_messages, null, ct)), _bareFlaky, CancellationToken.None);
        await _bareClock.StepAsync(s_waits[0]);
        return await call;
    }

    [Benchmark(Description = "PromptRouter: fail, wait 1 s (fake), succeed")]
    [BenchmarkCategory(OneRetry)]
    public async Task<PromptResult<ChatResponse>> RouterOneRetry()
    {
        var call = _router.GetResponseAsync(s_messages, _oneRetry);
        await _routerClock.StepAsync(s_waits[0]);
        return await call;
    }

    [Benchmark(Baseline = true, Description = "Bare Polly: 4 failures, waits 1+2+4 s (fake), last error caught")]
    [BenchmarkCategory(Exhausted)]
    public async Task<Exception?> BareExhausted()
    {
        var call = Catch(_bare.ExecuteAsync(static (client, ct) => new ValueTask<ChatResponse>(client.GetResponseAsync(s_messages, null, ct)), _bareDown, CancellationToken.None).AsTask());
        foreach (var wait in s_waits)
        {
            await _bareClock.StepAsync(wait);
        }

        return await call;
    }

    [Benchmark(Description = "PromptRouter: 4 failures, waits 1+2+4 s (fake), error caught")]
    [BenchmarkCategory(Exhausted)]
    public async Task<Exception?> RouterExhausted()
    {
        var call = Catch(_router.GetResponseAsync(s_messages, _exhausted));
        foreach (var wait in s_waits)
        {
            await _routerClock.StepAsync(wait);
        }

        return await call;
    }

    [Benchmark(Baseline = true, Description = "fake clock step alone: Task.Delay(1 s, clock), wait for its timer, Advance")]
    [BenchmarkCategory(Dance)]
    public async Task FakeClockStep()
    {
        var delay = Task.Delay(s_waits[0], _danceClock.Clock, CancellationToken.None);
        await _danceClock.StepAsync(s_waits[0]);
        await delay;
    }

    private static async Task<Exception?> Catch<T>(Task<T> call)
    {
        try
        {
            await call;
            return null;
        }
        catch (PromptGenException error)
        {
            return error;
        }
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException("Setup: " + what + ".");
        }
    }

    /// <summary>Advances a <see cref="SteppingClock"/> once each expected retry timer exists (they are counted, in order).</summary>
    private sealed class Stepper(SteppingClock clock)
    {
        private long _expected;

        public SteppingClock Clock { get; } = clock;

        public DateTimeOffset Start { get; } = clock.GetUtcNow();

        public async ValueTask StepAsync(TimeSpan due)
        {
            await Clock.WaitForTimersAsync(++_expected).ConfigureAwait(false);
            Clock.Advance(due);
        }
    }

    /// <summary>An in-memory client that fails with a transient error on every <c>failEvery</c>-th call starting with the first, else answers.</summary>
    private sealed class FlakyClient(int failEvery = 2) : IChatClient
    {
        private readonly Task<ChatResponse> _answer = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "pong")));
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            (Interlocked.Increment(ref _calls) - 1) % failEvery == 0 ? Task.FromException<ChatResponse>(new ProviderUnavailableException("down")) : _answer;

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield return new ChatResponseUpdate(ChatRole.Assistant, "pong");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers created with a due time between zero and a minute (retry
/// waits; PromptGen's attempt timeouts are longer and not counted), so a benchmark advances time exactly when the code
/// under test has begun waiting — the race-free pattern of <c>PromptGen.Testing.FakeClock</c>, without its per-wait
/// closure, list scan and real-time guard timer, and allocation-free when the timer already exists.
/// </summary>
internal sealed class SteppingClock : FakeTimeProvider
{
    private static readonly TimeSpan s_longest = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private long _created;
    private long _target;
    private TaskCompletionSource? _waiter;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime < s_longest)
        {
            TaskCompletionSource? ready = null;
            lock (_gate)
            {
                if (++_created >= _target && _waiter is not null)
                {
                    (ready, _waiter) = (_waiter, null);
                }
            }

            ready?.TrySetResult();
        }

        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> counted timers have been created since the clock was.</summary>
    public Task WaitForTimersAsync(long count)
    {
        lock (_gate)
        {
            if (_created >= count)
            {
                return Task.CompletedTask;
            }

            _target = count;
            _waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task;
        }
    }
}
