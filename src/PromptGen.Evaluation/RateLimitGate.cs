using System.Collections.Concurrent;
using System.Net;

namespace PromptGen.Evaluation;

/// <summary>
/// Back-off shared by every case of a run: when a provider endpoint answers 429 with a wait (<c>Retry-After</c>,
/// <c>retry-after-ms</c> or a rate-limit reset header, read by <see cref="RateLimitHeaders"/> as the retry policy reads
/// them), no new request goes to that endpoint (scheme, host and port) until the announced instant; other endpoints are
/// unaffected. Waits are counted per case (through <see cref="Track"/>) and in total.
/// </summary>
internal sealed class RateLimitGate(TimeProvider time)
{
    private static readonly AsyncLocal<CaseWaits?> s_current = new();

    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.OrdinalIgnoreCase);
    private int _waits;

    /// <summary>Gets how many requests waited for a rate-limited endpoint in the whole run.</summary>
    public int Waits => Volatile.Read(ref _waits);

    /// <summary>Counts the waits of the current case (the async flow that calls this) into the returned counter.</summary>
    public static CaseWaits Track() => s_current.Value = new CaseWaits();

    /// <summary>The key of a request's endpoint: scheme, host and port.</summary>
    public static string KeyOf(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    /// <summary>Waits until <paramref name="endpoint"/> may be called again (at once when it is not rate-limited).</summary>
    public async Task WaitAsync(string endpoint, CancellationToken cancellationToken)
    {
        var waited = false;
        var started = time.GetTimestamp();
        while (_until.TryGetValue(endpoint, out var until) && until - time.GetUtcNow() is var wait && wait > TimeSpan.Zero)
        {
            waited = true;
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }

        if (waited)
        {
            Interlocked.Increment(ref _waits);
            if (s_current.Value is { } counter)
            {
                counter.Add(time.GetElapsedTime(started));
            }
        }
    }

    /// <summary>Closes <paramref name="endpoint"/> until now + <paramref name="wait"/> (never shortens a longer block).</summary>
    public void Block(string endpoint, TimeSpan wait)
    {
        var until = time.GetUtcNow() + wait;
        _until.AddOrUpdate(endpoint, until, (_, current) => current > until ? current : until);
    }

    /// <summary>The rate-limit waits of one case.</summary>
    internal sealed class CaseWaits
    {
        private int _count;
        private long _ticks;

        public int Count => Volatile.Read(ref _count);

        public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        public void Add(TimeSpan waited)
        {
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _ticks, waited.Ticks);
        }
    }
}

/// <summary>
/// The HTTP transport of a test run: every request first passes the <see cref="RateLimitGate"/> of its endpoint, and a
/// 429 that names a wait closes the endpoint for everyone until then.
/// </summary>
internal sealed class RateLimitGateHandler(RateLimitGate gate, TimeProvider time, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = RateLimitGate.KeyOf(request.RequestUri ?? throw new InvalidOperationException("A request without a URI reached the test runner's transport."));
        await gate.WaitAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests && RateLimitHeaders.RetryAfter(response.Headers, time.GetUtcNow()) is { } wait && wait > TimeSpan.Zero)
        {
            gate.Block(endpoint, wait);
        }

        return response;
    }
}
