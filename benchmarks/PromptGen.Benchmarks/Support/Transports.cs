using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PromptGen.Testing;

namespace PromptGen.Benchmarks;

/// <summary>Where a benchmark's HTTP requests go; used as a <c>[Params]</c> value.</summary>
public enum TransportKind
{
    /// <summary>An in-memory <see cref="HttpMessageHandler"/> answering a canned body: CPU and allocations, no sockets.</summary>
    InMemory,

    /// <summary>The LLM simulator (Kestrel) on 127.0.0.1: real sockets and HTTP/1.1 on both sides of the connection.</summary>
    Loopback,
}

/// <summary>A canned HTTP response body with its content type, encoded once.</summary>
public sealed class CannedResponse
{
    /// <summary>Initializes a response from its body text.</summary>
    /// <param name="body">The body, sent as UTF-8.</param>
    /// <param name="contentType">The media type, for example <c>text/event-stream</c> for a streamed reply.</param>
    public CannedResponse(string body, string contentType = "application/json")
    {
        Body = Encoding.UTF8.GetBytes(body);
        ContentType = contentType;
    }

    /// <summary>Gets the body bytes (shared by every response; never written to).</summary>
    public byte[] Body { get; }

    /// <summary>Gets the media type of the body.</summary>
    public string ContentType { get; }

    /// <summary>An OpenAI chat-completions body (non-streaming) whose one choice has <paramref name="text"/> as its content.</summary>
    /// <param name="text">The answer text (JSON-escaped here).</param>
    /// <returns>The response.</returns>
    public static CannedResponse OpenAIChat(string text) => new(Json(w =>
    {
        w.WriteString("id", "chatcmpl-1");
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", 1);
        w.WriteString("model", "gpt-4o-mini");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", text);
        w.WriteEndObject();
        w.WriteString("finish_reason", "stop");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", 12);
        w.WriteNumber("completion_tokens", 1);
        w.WriteNumber("total_tokens", 13);
        w.WriteEndObject();
    }));

    /// <summary>An Anthropic Messages body (non-streaming) with one text block.</summary>
    /// <param name="text">The answer text (JSON-escaped here).</param>
    /// <returns>The response.</returns>
    public static CannedResponse AnthropicMessage(string text) => new(Json(w =>
    {
        w.WriteString("id", "msg_1");
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", "claude-haiku-4-5");
        w.WriteStartArray("content");
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", text);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("stop_reason", "end_turn");
        w.WriteNull("stop_sequence");
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", 12);
        w.WriteNumber("output_tokens", 1);
        w.WriteEndObject();
    }));

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>
/// An in-memory transport: every request gets a fresh <see cref="HttpResponseMessage"/> over the canned bytes, the
/// Anthropic body for <c>…/messages</c> and the OpenAI body for everything else. The request content is serialized
/// (into <see cref="Stream.Null"/>) as a socket would: the SDKs write their JSON lazily, when the transport asks for
/// it, so a handler that ignores the content would leave request serialization out of the measurement.
/// </summary>
public sealed class CannedHttpHandler(CannedResponse openAI, CannedResponse? anthropic = null) : HttpMessageHandler
{
    private readonly MediaTypeHeaderValue _openAIType = MediaTypeHeaderValue.Parse(openAI.ContentType);
    private readonly MediaTypeHeaderValue? _anthropicType = anthropic is null ? null : MediaTypeHeaderValue.Parse(anthropic.ContentType);

    /// <summary>Gets or sets where request bodies are copied while a setup check captures them; <see langword="null"/> when measuring.</summary>
    internal List<string>? Capture { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } body)
        {
            if (Capture is { } capture)
            {
                capture.Add(await body.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            }
            else
            {
                await body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }
        }

        var toAnthropic = anthropic is not null && request.RequestUri!.AbsolutePath.EndsWith("/messages", StringComparison.Ordinal);
        var content = new ByteArrayContent(toAnthropic ? anthropic!.Body : openAI.Body);

        // The header value is shared: MediaTypeHeaderValue is only read by the clients.
        content.Headers.ContentType = toAnthropic ? _anthropicType : _openAIType;
        return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}

/// <summary>
/// One transport for every client of a benchmark, in-memory or loopback, so rows differ only in the client stack. Each
/// client gets its own handler from <see cref="CreateHandler"/> (as in an application, each stack owns its connection
/// pool); the transport disposes them all with itself.
/// </summary>
public sealed class BenchTransport : IAsyncDisposable
{
    private const string InMemoryOrigin = "http://bench.local/";

    // The simulator records every request; a measurement sends millions, so the log is cleared every so often.
    private const int ClearEvery = 1024;

    private readonly CannedResponse? _openAI;
    private readonly CannedResponse? _anthropic;
    private readonly List<HttpMessageHandler> _handlers = [];
    private int _sent;

    private BenchTransport(TransportKind kind, Uri baseUrl, LlmSimulator? simulator, CannedResponse? openAI, CannedResponse? anthropic)
    {
        Kind = kind;
        BaseUrl = baseUrl;
        Simulator = simulator;
        _openAI = openAI;
        _anthropic = anthropic;
    }

    /// <summary>Gets the kind of transport.</summary>
    public TransportKind Kind { get; }

    /// <summary>Gets the origin, <c>http://host:port/</c>: Anthropic clients and raw clients build their URLs from it.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gets the OpenAI base URL, <c>{BaseUrl}v1/</c> (the SDKs append <c>chat/completions</c>).</summary>
    public Uri OpenAIBaseUrl => new(BaseUrl, "v1/");

    /// <summary>Gets the simulator behind a <see cref="TransportKind.Loopback"/> transport (to script more rules), else <see langword="null"/>.</summary>
    public LlmSimulator? Simulator { get; }

    /// <summary>Creates an in-memory transport answering the canned bodies.</summary>
    /// <param name="openAI">The body for OpenAI requests (and any request not to <c>…/messages</c>).</param>
    /// <param name="anthropic">The body for Anthropic <c>…/messages</c> requests, or <see langword="null"/> for the OpenAI body everywhere.</param>
    /// <returns>The transport.</returns>
    public static BenchTransport InMemory(CannedResponse openAI, CannedResponse? anthropic = null) =>
        new(TransportKind.InMemory, new Uri(InMemoryOrigin), null, openAI, anthropic);

    /// <summary>Starts the simulator on 127.0.0.1 and scripts it.</summary>
    /// <param name="script">Adds the rules, for example <c>s => s.Always().Reply("Paris")</c>.</param>
    /// <returns>The transport.</returns>
    public static async Task<BenchTransport> LoopbackAsync(Action<SimulatorScript> script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var simulator = await LlmSimulator.StartAsync().ConfigureAwait(false);
        script(simulator.Script);
        return new BenchTransport(TransportKind.Loopback, simulator.BaseUrl, simulator, null, null);
    }

    /// <summary>
    /// Starts a transport of either kind that answers every request with <paramref name="text"/> (an answer text, or a
    /// JSON document as text) in the OpenAI or the Anthropic wire format, whichever the request speaks.
    /// </summary>
    /// <param name="kind">The kind.</param>
    /// <param name="text">The answer.</param>
    /// <returns>The transport.</returns>
    public static async Task<BenchTransport> StartAsync(TransportKind kind, string text) => kind switch
    {
        TransportKind.InMemory => InMemory(CannedResponse.OpenAIChat(text), CannedResponse.AnthropicMessage(text)),
        TransportKind.Loopback => await LoopbackAsync(s => s.Always().Reply(text).WithUsage(12, 1)).ConfigureAwait(false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Creates a handler for one client stack. The transport owns it; disposing it early is harmless.</summary>
    /// <returns>The handler.</returns>
    public HttpMessageHandler CreateHandler()
    {
        HttpMessageHandler handler = Simulator is { } simulator
            ? new LogTrimmingHandler(this, simulator) { InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) } }
            : new CannedHttpHandler(_openAI!, _anthropic);
        lock (_handlers)
        {
            _handlers.Add(handler);
        }

        return handler;
    }

    /// <summary>Creates an <see cref="HttpClient"/> over a new handler from <see cref="CreateHandler"/>.</summary>
    /// <returns>The client (it does not dispose the handler; the transport does).</returns>
    public HttpClient CreateHttpClient() => new(CreateHandler(), disposeHandler: false);

    /// <summary>Runs <paramref name="call"/> and returns the bodies of the requests it sent, for setup checks (not for measuring).</summary>
    /// <param name="call">The call.</param>
    /// <returns>The request bodies, in order.</returns>
    public async Task<IReadOnlyList<string>> CaptureRequestBodiesAsync(Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (Simulator is { } simulator)
        {
            simulator.ClearRequests();
            await call().ConfigureAwait(false);
            return [.. simulator.Requests.Select(r => r.Body)];
        }

        var captured = new List<string>();
        var handlers = InMemoryHandlers();
        handlers.ForEach(h => h.Capture = captured);
        try
        {
            await call().ConfigureAwait(false);
        }
        finally
        {
            handlers.ForEach(h => h.Capture = null);
        }

        return captured;
    }

    /// <summary>Disposes the handlers, then stops the simulator.</summary>
    /// <returns>A task that completes when everything has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        lock (_handlers)
        {
            _handlers.ForEach(h => h.Dispose());
            _handlers.Clear();
        }

        if (Simulator is { } simulator)
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private List<CannedHttpHandler> InMemoryHandlers()
    {
        lock (_handlers)
        {
            return [.. _handlers.OfType<CannedHttpHandler>()];
        }
    }

    /// <summary>
    /// Clears the simulator's request log every <see cref="ClearEvery"/> requests, before sending: one increment per
    /// request and no async state machine of its own, so it adds nothing measurable to a row.
    /// </summary>
    private sealed class LogTrimmingHandler(BenchTransport owner, LlmSimulator simulator) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref owner._sent) % ClearEvery == 0)
            {
                simulator.ClearRequests();
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
