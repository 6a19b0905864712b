using System.Text;
using System.Text.Json;

namespace PromptGen.Testing.Tests;

/// <summary>The simulator's memory of requests is bounded, and its request log says what arrived without any key.</summary>
public sealed class RecordingLimitTests : IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Recorded_requests_stay_at_the_cap_and_the_oldest_are_dropped()
    {
        await using var sim = await LlmSimulator.StartAsync(new LlmSimulatorOptions { MaxRecordedRequests = 5 });

        for (var i = 0; i < 40; i++)
        {
            using var response = await PostAsync(sim, "v1/chat/completions", $$"""{"model":"m","messages":[{"role":"user","content":"request {{i}}"}]}""");
            response.EnsureSuccessStatusCode();
            Assert.True(sim.Requests.Count <= 5);
        }

        Assert.Equal(["request 35", "request 36", "request 37", "request 38", "request 39"], sim.Requests.Select(r => r.LastUserText));
        Assert.Equal(40, sim.TotalRequests);
    }

    [Fact]
    public async Task A_cap_below_one_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LlmSimulator.StartAsync(new LlmSimulatorOptions { MaxRecordedRequests = 0 }));
        Assert.Contains("MaxRecordedRequests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_log_has_one_line_per_request_and_no_key()
    {
        const string key = "sk-simlog-0123456789abcdef";
        using var log = new LineSink();
        await using var sim = await LlmSimulator.StartAsync(new LlmSimulatorOptions { RequestLog = log });
        sim.Script.When(userContains: "busy").Fault(SimulatorFault.RateLimited);

        using (var ok = await PostAsync(sim, "v1/chat/completions", $$"""{"model":"gpt-4o","messages":[{"role":"user","content":"my key is {{key}}, hello"}]}""", ("Authorization", "Bearer " + key)))
        {
            ok.EnsureSuccessStatusCode();
        }

        using (await PostAsync(sim, "v1/messages", """{"model":"claude-x","max_tokens":9,"stream":true,"messages":[{"role":"user","content":"busy?"}]}""", ("x-api-key", key)))
        {
        }

        using (await PostAsync(sim, "v1beta/openai/chat/completions?key=" + key, """{"model":"gemini","messages":[{"role":"user","content":"hi"}]}"""))
        {
        }

        var lines = await log.WaitForLinesAsync(3);

        Assert.DoesNotContain(key, string.Join('\n', lines), StringComparison.Ordinal);
        // A line is written once its response is sent, so lines are matched by model, not by position.
        var byModel = lines.Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("model").GetString()!);
        var first = byModel["gpt-4o"];
        Assert.Equal("POST", first.GetProperty("method").GetString());
        Assert.Equal("/v1/chat/completions", first.GetProperty("path").GetString());
        Assert.Equal("OpenAI", first.GetProperty("protocol").GetString());
        Assert.Equal("gpt-4o", first.GetProperty("model").GetString());
        Assert.Equal(200, first.GetProperty("status").GetInt32());
        Assert.Equal("Authorization ***", first.GetProperty("apiKey").GetString());
        Assert.Equal("my key is ***, hello", first.GetProperty("user").GetString());
        Assert.True(DateTimeOffset.TryParse(first.GetProperty("time").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));

        var second = byModel["claude-x"];
        Assert.Equal(429, second.GetProperty("status").GetInt32());
        Assert.Equal("RateLimited", second.GetProperty("fault").GetString());
        Assert.True(second.GetProperty("stream").GetBoolean());
        Assert.Equal("x-api-key ***", second.GetProperty("apiKey").GetString());

        var third = byModel["gemini"];
        Assert.Equal("/v1beta/openai/chat/completions?key=***", third.GetProperty("path").GetString());
    }

    private Task<HttpResponseMessage> PostAsync(LlmSimulator sim, string path, string json, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.BaseUrl, path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return _http.SendAsync(request);
    }

    /// <summary>A log writer that tells when lines arrive (the simulator writes a line once the response has been sent).</summary>
    private sealed class LineSink : StringWriter
    {
        private readonly SemaphoreSlim _lines = new(0);

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            _lines.Release();
        }

        public async Task<string[]> WaitForLinesAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1), TimeProvider.System);
            for (var i = 0; i < count; i++)
            {
                await _lines.WaitAsync(timeout.Token);
            }

            return ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        protected override void Dispose(bool disposing)
        {
            _lines.Dispose();
            base.Dispose(disposing);
        }
    }
}
