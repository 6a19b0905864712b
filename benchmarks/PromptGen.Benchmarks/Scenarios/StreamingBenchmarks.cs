using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using PromptGen.Testing;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace PromptGen.Benchmarks;

/// <summary>A streaming prompt client for <see cref="StreamingBenchmarks"/>.</summary>
[PromptClient(Model = "openai/gpt-4o-mini")]
[SystemPrompt(StreamingBenchmarks.Instructions)]
public partial interface IStoryTeller
{
    [Prompt("Tell a short story about {topic}.")]
    IAsyncEnumerable<string> StoryAsync(string topic, CancellationToken cancellationToken = default);
}

/// <summary>
/// Time to the first streamed token over real sockets: the LLM simulator (Kestrel on 127.0.0.1) streams a reply in
/// about three deltas, the first at once and each later event 5 ms apart, so the first token
/// arrives well before the end. Every row sends the same two messages with <c>stream: true</c>, stops reading after the
/// first non-empty text and disposes the stream. A latency benchmark: most of each number is loopback TCP, HTTP/1.1 and
/// Kestrel, in this process; the differences between rows are the client stacks.
/// </summary>
[MemoryDiagnoser]
public class StreamingBenchmarks : IAsyncDisposable
{
    /// <summary>The system prompt of every row.</summary>
    public const string Instructions = "You are a storyteller.";

    private const string Reply = "Once upon a time a small robot learned to paint the sea at dawn, and every morning it painted a new one.";
    private static readonly TimeSpan s_tokenInterval = TimeSpan.FromMilliseconds(5);
    private static readonly ChatMessage[] s_messages = [new(ChatRole.System, Instructions), new(ChatRole.User, "Tell a short story about a robot.")];
    private static readonly OpenAI.Chat.ChatMessage[] s_sdkMessages = [new SystemChatMessage(Instructions), new UserChatMessage("Tell a short story about a robot.")];

    private LlmSimulator _simulator = null!;
    private HttpClient _http = null!;
    private Uri _completions = null!;
    private byte[] _body = null!;
    private ChatClient _sdk = null!;
    private IChatClient _meai = null!;
    private ServiceProvider _services = null!;
    private PromptRouter _router = null!;
    private IStoryTeller _teller = null!;
    private PromptCallOptions _routed = null!;
    private int _calls;

    [GlobalSetup]
    public async Task Setup()
    {
        _simulator = await LlmSimulator.StartAsync();
        _simulator.Script.Always().Reply(Reply).WithTokenInterval(s_tokenInterval);
        _http = new HttpClient();
        _completions = new Uri(_simulator.OpenAIBaseUrl, "chat/completions");
        _body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["model"] = "gpt-4o-mini",
            ["stream"] = true,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = Instructions },
                new JsonObject { ["role"] = "user", ["content"] = "Tell a short story about a robot." }),
        }.ToJsonString());
        _sdk = new ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-sim"), new OpenAIClientOptions
        {
            Endpoint = _simulator.OpenAIBaseUrl,
            RetryPolicy = new ClientRetryPolicy(0),
            Transport = new HttpClientPipelineTransport(new HttpClient()),
        });
        _meai = new ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-sim"), new OpenAIClientOptions
        {
            Endpoint = _simulator.OpenAIBaseUrl,
            RetryPolicy = new ClientRetryPolicy(0),
            Transport = new HttpClientPipelineTransport(new HttpClient()),
        }).AsIChatClient();

        var services = new ServiceCollection();
        services.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = _ => null;
            o.Provider("openai").ApiKey = "sk-sim";
            o.Provider("openai").BaseUrl = _simulator.OpenAIBaseUrl.ToString();
        }).AddOpenAI();
        services.AddPromptClient<IStoryTeller>();
        _services = services.BuildServiceProvider();
        _router = _services.GetRequiredService<PromptRouter>();
        _teller = _services.GetRequiredService<IStoryTeller>();
        _routed = new PromptCallOptions { Model = "openai/gpt-4o-mini" };

        // Every row gets the first delta (a proper prefix of the reply) from one streamed request with the same messages.
        var first = await RawSse();
        if (first.Length == 0 || first.Length >= Reply.Length || !Reply.StartsWith(first, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Setup: the raw read's first token '{first}' is not the reply's first delta.");
        }

        foreach (var (row, call) in new (string, Func<Task<string>>)[] { ("OpenAI SDK", OpenAISdk), ("MEAI", Meai), ("generated", Generated), ("router", Router) })
        {
            _simulator.ClearRequests();
            var token = await call();
            var requests = _simulator.Requests;
            if (token != first || requests is not [{ Stream: true, SystemText: Instructions, LastUserText: "Tell a short story about a robot." }])
            {
                throw new InvalidOperationException($"Setup: {row} read '{token}' from {requests.Count} request(s); expected '{first}' from one streamed request with the same messages.");
            }
        }

        // The first token must come clearly before the end of the stream (best of five, real time).
        var toFirst = TimeSpan.MaxValue;
        var toEnd = TimeSpan.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var start = TimeProvider.System.GetTimestamp();
            await RawSse();
            toFirst = Min(toFirst, TimeProvider.System.GetElapsedTime(start));
            start = TimeProvider.System.GetTimestamp();
            await ReadWholeStream();
            toEnd = Min(toEnd, TimeProvider.System.GetElapsedTime(start));
        }

        if (toEnd - toFirst < 3 * s_tokenInterval)
        {
            throw new InvalidOperationException($"Setup: the first token took {toFirst.TotalMilliseconds:0.0} ms and the whole stream {toEnd.TotalMilliseconds:0.0} ms; the first token is not early.");
        }

        _simulator.ClearRequests();
    }

    [GlobalCleanup]
    public async ValueTask DisposeAsync()
    {
        _services?.Dispose();
        _meai?.Dispose();
        _http?.Dispose();
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "raw HttpClient: POST stream=true, ResponseHeadersRead, lines to the first data: with text")]
    public async Task<string> RawSse()
    {
        ForgetRequests();
        using var response = await SendAsync();
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            using var chunk = JsonDocument.Parse(line.AsMemory(6));
            if (chunk.RootElement.GetProperty("choices") is { ValueKind: JsonValueKind.Array } choices && choices.GetArrayLength() > 0
                && choices[0].GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }

        throw new InvalidOperationException("The stream ended without text.");
    }

    [Benchmark(Description = "OpenAI SDK CompleteChatStreamingAsync, first update with text")]
    public async Task<string> OpenAISdk()
    {
        ForgetRequests();
        await foreach (var update in _sdk.CompleteChatStreamingAsync(s_sdkMessages))
        {
            if (update.ContentUpdate is [{ Text: { Length: > 0 } text }, ..])
            {
                return text;
            }
        }

        throw new InvalidOperationException("The stream ended without text.");
    }

    [Benchmark(Description = "MEAI IChatClient.GetStreamingResponseAsync (OpenAI), first update with text")]
    public async Task<string> Meai()
    {
        ForgetRequests();
        await foreach (var update in _meai.GetStreamingResponseAsync(s_messages))
        {
            if (update.Text is { Length: > 0 } text)
            {
                return text;
            }
        }

        throw new InvalidOperationException("The stream ended without text.");
    }

    [Benchmark(Description = "PromptGen generated IAsyncEnumerable<string>, first item")]
    public async Task<string> Generated()
    {
        ForgetRequests();
        await foreach (var text in _teller.StoryAsync("a robot"))
        {
            return text;
        }

        throw new InvalidOperationException("The stream ended without text.");
    }

    [Benchmark(Description = "PromptRouter.GetStreamingResponseAsync, first update with text")]
    public async Task<string> Router()
    {
        ForgetRequests();
        await foreach (var update in _router.GetStreamingResponseAsync(s_messages, _routed))
        {
            if (update.Text is { Length: > 0 } text)
            {
                return text;
            }
        }

        throw new InvalidOperationException("The stream ended without text.");
    }

    /// <summary>
    /// The simulator records every request; every row forgets them each 256 calls so memory stays flat (not
    /// [IterationCleanup], which would force one invocation per iteration).
    /// </summary>
    private void ForgetRequests()
    {
        if (++_calls % 256 == 0)
        {
            _simulator.ClearRequests();
        }
    }

    private async Task<HttpResponseMessage> SendAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _completions) { Content = new ByteArrayContent(_body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-sim");
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private async Task ReadWholeStream()
    {
        using var response = await SendAsync();
        var text = await response.Content.ReadAsStringAsync();
        if (!text.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Setup: the stream did not end with [DONE].");
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
