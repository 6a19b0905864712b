using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PromptGen.Testing.Tests;

/// <summary>The simulator's wire formats, read with a plain HttpClient (the SDK round trips live in PromptGen.Tests).</summary>
public sealed class RawProtocolTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private LlmSimulator _sim = null!;

    public async Task InitializeAsync() => _sim = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Binds_to_loopback_on_an_ephemeral_port()
    {
        Assert.Equal("127.0.0.1", _sim.BaseUrl.Host);
        Assert.NotEqual(0, _sim.BaseUrl.Port);
        Assert.Equal(new Uri(_sim.BaseUrl, "v1/"), _sim.OpenAIBaseUrl);
        using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, _sim.BaseUrl));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task Ollama_native_chat_answers_json_and_streams_ndjson_by_default()
    {
        _sim.Script.When(model: "llama3.2").Reply("one two three").WithUsage(9, 3);

        using var json = await PostAsync("api/chat", """{"model":"llama3.2","stream":false,"messages":[{"role":"user","content":"count"}]}""");
        using var body = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal("one two three", body.RootElement.GetProperty("message").GetProperty("content").GetString());
        Assert.True(body.RootElement.GetProperty("done").GetBoolean());
        Assert.Equal(9, body.RootElement.GetProperty("prompt_eval_count").GetInt32());

        using var streamed = await PostAsync("api/chat", """{"model":"llama3.2","messages":[{"role":"user","content":"count"}]}""");
        var lines = (await streamed.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 2);
        var text = string.Concat(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("message").GetProperty("content").GetString()));
        Assert.Equal("one two three", text);
        Assert.True(JsonDocument.Parse(lines[^1]).RootElement.GetProperty("done").GetBoolean());
        Assert.True(_sim.Requests[^1].Stream, "Ollama streams unless told otherwise");
    }

    [Fact]
    public async Task OpenAI_stream_ends_with_usage_and_done_when_asked()
    {
        using var response = await PostAsync("v1/chat/completions", """{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}""");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        Assert.Contains("\"usage\":{\"prompt_tokens\"", body, StringComparison.Ordinal);
        Assert.Contains("Simulated reply to: hi", string.Concat(body.Split("\n\n").Where(e => e.StartsWith("data: {", StringComparison.Ordinal))
            .Select(e => JsonDocument.Parse(e[6..]).RootElement.GetProperty("choices")).Where(c => c.GetArrayLength() > 0)
            .Select(c => c[0].GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : null)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anthropic_stream_sends_the_documented_event_sequence()
    {
        using var response = await PostAsync("v1/messages?beta=true", """{"model":"claude-x","max_tokens":10,"stream":true,"system":[{"type":"text","text":"S1"},{"type":"text","text":"S2"}],"messages":[{"role":"user","content":[{"type":"text","text":"<system-reminder>x</system-reminder>"},{"type":"text","text":"last block"}]}]}""");

        var events = (await response.Content.ReadAsStringAsync()).Split('\n').Where(l => l.StartsWith("event: ", StringComparison.Ordinal)).Select(l => l[7..]).Distinct();
        Assert.Equal(["message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"], events);
        var request = Assert.Single(_sim.Requests);
        Assert.Equal("last block", request.LastUserText);
        Assert.Equal("S1\n\nS2", request.SystemText);
        Assert.Equal("/v1/messages?beta=true", request.Path);
    }

    [Fact]
    public async Task Rules_match_in_order_by_model_glob_and_user_text_and_times_falls_through()
    {
        _sim.Script.When(model: "gpt-*", userContains: "CAPITAL").Reply("Paris").Times(1);
        _sim.Script.WhenUserMatches(@"capital of \w+").Reply("Somewhere");
        _sim.Script.When(model: "other").Reply("never");

        Assert.Equal("Paris", await AskOpenAIAsync("gpt-4o", "the capital of France?"));
        Assert.Equal("Somewhere", await AskOpenAIAsync("gpt-4o", "the capital of France?"));
        Assert.Equal("Simulated reply to: hello", await AskOpenAIAsync("gpt-4o", "hello"));
    }

    [Theory]
    [InlineData(SimulatorFault.RateLimited, 429)]
    [InlineData(SimulatorFault.ServerError, 500)]
    [InlineData(SimulatorFault.ServiceUnavailable, 503)]
    [InlineData(SimulatorFault.BadRequest, 400)]
    [InlineData(SimulatorFault.Unauthorized, 401)]
    public async Task Faults_answer_with_their_status_in_the_provider_error_shape(SimulatorFault fault, int status)
    {
        _sim.Script.Always().Fault(fault, TimeSpan.FromSeconds(3));

        using var openai = await PostAsync("v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":"hi"}]}""", "Bearer sk-echo-me");
        using var anthropic = await PostAsync("v1/messages", """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(status, (int)openai.StatusCode);
        Assert.Equal(status, (int)anthropic.StatusCode);
        using var openaiError = JsonDocument.Parse(await openai.Content.ReadAsStringAsync());
        Assert.True(openaiError.RootElement.GetProperty("error").TryGetProperty("message", out _));
        using var anthropicError = JsonDocument.Parse(await anthropic.Content.ReadAsStringAsync());
        Assert.Equal("error", anthropicError.RootElement.GetProperty("type").GetString());
        if (fault == SimulatorFault.RateLimited)
        {
            Assert.Equal(TimeSpan.FromSeconds(3), openai.Headers.RetryAfter!.Delta);
        }

        if (fault == SimulatorFault.Unauthorized)
        {
            Assert.Contains("sk-echo-me", openaiError.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hang_answers_only_when_the_client_gives_up()
    {
        _sim.Script.Always().Fault(SimulatorFault.Hang);
        using var cancel = new CancellationTokenSource();

        var call = PostAsync("v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":"hi"}]}""", cancellationToken: cancel.Token);
        await _sim.WaitForRequestAsync(r => r.Protocol == SimulatorProtocol.OpenAI);
        Assert.False(call.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Latency_runs_on_the_given_time_provider()
    {
        var time = new FakeClock();
        await using var sim = await LlmSimulator.StartAsync(new LlmSimulatorOptions { TimeProvider = time });
        sim.Script.Always().Reply("late").WithLatency(TimeSpan.FromSeconds(30));
        using var http = new HttpClient();
        var latency = time.WaitForTimerAsync(d => d > TimeSpan.Zero);

        var call = http.PostAsync(new Uri(sim.OpenAIBaseUrl, "chat/completions"), new StringContent("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(TimeSpan.FromSeconds(30), await latency);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        using var response = await call;
        Assert.Contains("late", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_interval_spaces_streamed_events_after_the_first_text()
    {
        var time = new FakeClock();
        await using var sim = await LlmSimulator.StartAsync(new LlmSimulatorOptions { TimeProvider = time });
        sim.Script.Always().Reply("alpha beta gamma delta").WithLatency(TimeSpan.FromMilliseconds(100)).WithTokenInterval(TimeSpan.FromMilliseconds(50));
        using var http = new HttpClient();
        var latency = time.WaitForTimerAsync(d => d == TimeSpan.FromMilliseconds(100));
        var interval = time.WaitForTimerAsync(d => d == TimeSpan.FromMilliseconds(50));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.OpenAIBaseUrl, "chat/completions"))
        {
            Content = new StringContent("""{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        var call = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await time.AdvanceWhenWaitingAsync(latency);
        using var response = await call;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        // The role chunk and the first text arrive at 100 ms; then the simulator waits before the next event.
        var events = new List<string>();
        while (!events.Exists(e => e.Contains("\"content\":\"alpha", StringComparison.Ordinal)))
        {
            events.Add(await ReadEventAsync(reader));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(50), await interval);
        var start = time.GetUtcNow();
        var rest = ReadToEndAsync(reader);
        var advances = 0;
        while (true)
        {
            var next = time.WaitForTimerAsync(d => d == TimeSpan.FromMilliseconds(50));
            time.Advance(TimeSpan.FromMilliseconds(50));
            advances++;
            if (await Task.WhenAny(rest, next) == rest)
            {
                break;
            }
        }

        var remaining = await rest;
        Assert.EndsWith("data: [DONE]", remaining.TrimEnd(), StringComparison.Ordinal);

        // One interval before every event after the first text: the other chunks, the stop chunk and [DONE].
        var later = remaining.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.Equal(later, advances);
        Assert.Equal(TimeSpan.FromMilliseconds(50 * later), time.GetUtcNow() - start);
    }

    private static async Task<string> ReadEventAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0 && text.Length > 0)
            {
                break;
            }

            text.Append(line);
        }

        return text.ToString();
    }

    private static async Task<string> ReadToEndAsync(StreamReader reader) => await reader.ReadToEndAsync();

    [Fact]
    public async Task Malformed_json_and_non_json_requests()
    {
        _sim.Script.Always().Fault(SimulatorFault.MalformedJson);

        using var malformed = await PostAsync("v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":"hi"}]}""");
        using var notJson = await PostAsync("v1/chat/completions", "this is not json");

        Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(malformed.Content.ReadAsStringAsync().Result));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    private async Task<string?> AskOpenAIAsync(string model, string text)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_sim.OpenAIBaseUrl, "chat/completions"), new { model, messages = new[] { new { role = "user", content = text } } });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json, string? authorization = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_sim.BaseUrl, path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return _http.SendAsync(request, cancellationToken);
    }
}
