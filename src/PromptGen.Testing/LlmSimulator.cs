using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PromptGen.Testing;

/// <summary>
/// A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions, Anthropic Messages and Ollama chat wire
/// formats (JSON and streaming), answers from a <see cref="SimulatorScript"/>, and records every request.
/// </summary>
/// <example>
/// <code>
/// await using var sim = await LlmSimulator.StartAsync();
/// sim.Script.When(userContains: "capital of France").Reply("Paris").WithUsage(12, 1);
/// // point a client at sim.OpenAIBaseUrl or sim.AnthropicBaseUrl
/// </code>
/// </example>
public sealed partial class LlmSimulator : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Queue<RecordedRequest> _requests = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string ContentType, byte[] Content)> _files = new(StringComparer.Ordinal);
    private readonly List<(Func<RecordedRequest, bool> Match, TaskCompletionSource<RecordedRequest> Done)> _waiters = [];
    private readonly int _maxRecorded;
    private readonly TextWriter? _log;
    private int _disposed;
    private long _total;
    private int _inFlight;
    private int _peakInFlight;

    private WebApplication? _app;

    private LlmSimulator(SimulatorScript script, LlmSimulatorOptions options)
    {
        Script = script;
        _time = options.TimeProvider;
        _maxRecorded = options.MaxRecordedRequests;
        _log = options.RequestLog;
    }

    /// <summary>Gets the server's base URL, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Gets the base URL for OpenAI clients (<c>{BaseUrl}v1/</c>); also Ollama's OpenAI-compatible API.</summary>
    public Uri OpenAIBaseUrl => new(BaseUrl, "v1/");

    /// <summary>Gets the base URL for Anthropic clients and <c>ANTHROPIC_BASE_URL</c> (clients append <c>/v1/messages</c>).</summary>
    public Uri AnthropicBaseUrl => BaseUrl;

    /// <summary>Gets the base URL for Ollama's native API (<c>/api/chat</c>).</summary>
    public Uri OllamaBaseUrl => BaseUrl;

    /// <summary>
    /// Gets or sets a value indicating whether a JSON schema sent with a request is honoured (replies made to fit it, as
    /// strict structured output does) or ignored (replies sent as scripted). See <see cref="LlmSimulatorOptions.HonourResponseFormat"/>.
    /// </summary>
    public bool HonourResponseFormat { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether OpenAI and Anthropic requests without an API key get the real API's 401.
    /// See <see cref="LlmSimulatorOptions.RequireApiKey"/>.
    /// </summary>
    public bool RequireApiKey { get; set; }

    /// <summary>Gets the rules. They can change while the simulator runs.</summary>
    public SimulatorScript Script { get; }

    /// <summary>Gets the number of requests being handled right now (received, not yet answered).</summary>
    public int ConcurrentRequests => Volatile.Read(ref _inFlight);

    /// <summary>Gets the most requests that were ever handled at once, for tests that bound a client's concurrency.</summary>
    public int PeakConcurrentRequests => Volatile.Read(ref _peakInFlight);

    /// <summary>Gets the number of requests received since start, including those no longer kept in <see cref="Requests"/>.</summary>
    public long TotalRequests => Interlocked.Read(ref _total);

    /// <summary>
    /// Gets a snapshot of the requests received, in arrival order: the last <see cref="LlmSimulatorOptions.MaxRecordedRequests"/>
    /// of them (older ones are dropped, so a long-running simulator's memory stays bounded).
    /// </summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a simulator on 127.0.0.1.</summary>
    /// <param name="options">Settings; <see langword="null"/> for an ephemeral port and the system clock.</param>
    /// <param name="cancellationToken">A token to cancel start-up.</param>
    /// <returns>The running simulator.</returns>
    public static async Task<LlmSimulator> StartAsync(LlmSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LlmSimulatorOptions();
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRecordedRequests, 1, "options.MaxRecordedRequests");
        var script = options.Script ?? new SimulatorScript();
        if (options.DefaultReply is { } defaultReply)
        {
            script.DefaultReply = defaultReply;
        }

        // Created before the server starts, so a request that arrives at once (fixed port) finds its handler.
        var simulator = new LlmSimulator(script, options) { HonourResponseFormat = options.HonourResponseFormat, RequireApiKey = options.RequireApiKey };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();

        // The simulator is a guest in its host process: it must not take over Ctrl+C / SIGTERM handling.
        builder.Services.AddSingleton<IHostLifetime, GuestLifetime>();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        app.Run(simulator.HandleAsync);
        simulator._app = app;
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var bound = new Uri(addresses.First());
        simulator.BaseUrl = new Uri($"http://127.0.0.1:{bound.Port.ToString(CultureInfo.InvariantCulture)}/");
        return simulator;
    }

    /// <summary>
    /// Completes when a request matching <paramref name="match"/> has arrived, including one that already has. A request
    /// counts as arrived once it is recorded, which happens before its latency, reply or fault: use this to know that a
    /// call is in flight before advancing a fake clock or cancelling the client.
    /// </summary>
    /// <param name="match">The condition, or <see langword="null"/> for any request.</param>
    /// <param name="cancellationToken">A token to stop waiting.</param>
    /// <returns>The request.</returns>
    public Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool>? match = null, CancellationToken cancellationToken = default)
    {
        match ??= _ => true;
        lock (_gate)
        {
            if (_requests.FirstOrDefault(match) is { } seen)
            {
                return Task.FromResult(seen);
            }

            var done = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Serves fixed content on <c>GET {path}</c> (an image for URL inputs, or anything else to test content-type checks).
    /// The request is recorded like every other.
    /// </summary>
    /// <param name="path">The path, for example <c>/files/cat.png</c>.</param>
    /// <param name="contentType">The Content-Type header to send.</param>
    /// <param name="content">The body.</param>
    /// <returns>The absolute URL of the file.</returns>
    public Uri ServeFile(string path, string contentType, byte[] content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentNullException.ThrowIfNull(content);
        var absolute = "/" + path.TrimStart('/');
        _files[absolute] = (contentType, content);
        return new Uri(BaseUrl, absolute);
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Stops the server; requests still pending (latency, <see cref="SimulatorFault.Hang"/>) end with the connection aborted.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is { } app)
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }

        lock (_gate)
        {
            foreach (var waiter in _waiters)
            {
                waiter.Done.TrySetCanceled();
            }

            _waiters.Clear();
        }

        _stopping.Dispose();
    }

    private void Record(RecordedRequest request)
    {
        List<TaskCompletionSource<RecordedRequest>> release = [];
        lock (_gate)
        {
            Interlocked.Increment(ref _total);
            _requests.Enqueue(request);
            while (_requests.Count > _maxRecorded)
            {
                _requests.Dequeue();
            }

            _waiters.RemoveAll(w =>
            {
                if (!w.Match(request))
                {
                    return false;
                }

                release.Add(w.Done);
                return true;
            });
        }

        foreach (var done in release)
        {
            done.TrySetResult(request);
        }
    }
}
