using System.Net;
using System.Text;
using System.Text.Json;

namespace PromptGen.Testing.Tests;

/// <summary>
/// The request fields the real APIs honour and the simulator now does too: an output-token limit (the reply is cut and
/// ends with the provider's "length" reason), OpenAI's <c>n</c>, and Anthropic's model list with its paging.
/// </summary>
public sealed class WireFidelityTests : IAsyncLifetime, IDisposable
{
    private const string Sentence = "The quick brown fox jumps over the lazy dog again and again";

    private readonly HttpClient _http = new();
    private LlmSimulator _sim = null!;

    public async Task InitializeAsync()
    {
        _sim = await LlmSimulator.StartAsync();
        _sim.Script.When(userContains: "fox").Reply(Sentence);
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    public void Dispose() => _http.Dispose();

    // 59 characters are 15 estimated tokens; a 5-token limit keeps 59 * 5 / 15 = 19 characters.
    [Theory]
    [InlineData("openai", false, """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"fox"}]}""", "length")]
    [InlineData("openai", true, """{"model":"m","max_completion_tokens":5,"stream":true,"messages":[{"role":"user","content":"fox"}]}""", "length")]
    [InlineData("anthropic", false, """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"fox"}]}""", "max_tokens")]
    [InlineData("anthropic", true, """{"model":"m","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"fox"}]}""", "max_tokens")]
    [InlineData("ollama", false, """{"model":"m","stream":false,"options":{"num_predict":5},"messages":[{"role":"user","content":"fox"}]}""", "length")]
    [InlineData("ollama", true, """{"model":"m","options":{"num_predict":5},"messages":[{"role":"user","content":"fox"}]}""", "length")]
    public async Task An_output_token_limit_cuts_the_reply_with_the_providers_length_reason(string protocol, bool stream, string body, string reason)
    {
        var (text, finish, outputTokens) = await AskAsync(protocol, stream, body);

        Assert.Equal("The quick brown fox", text);
        Assert.Equal(reason, finish);
        Assert.Equal(5, outputTokens);
        Assert.Equal(5, _sim.Requests[^1].MaxTokens);
    }

    [Theory]
    [InlineData("openai", """{"model":"m","max_tokens":100,"messages":[{"role":"user","content":"fox"}]}""", "stop")]
    [InlineData("anthropic", """{"model":"m","max_tokens":100,"messages":[{"role":"user","content":"fox"}]}""", "end_turn")]
    [InlineData("ollama", """{"model":"m","stream":false,"options":{"num_predict":-1},"messages":[{"role":"user","content":"fox"}]}""", "stop")]
    public async Task A_reply_within_the_limit_is_whole(string protocol, string body, string reason)
    {
        var (text, finish, outputTokens) = await AskAsync(protocol, stream: false, body);

        Assert.Equal(Sentence, text);
        Assert.Equal(reason, finish);
        Assert.Equal(15, outputTokens);
    }

    [Theory]
    [InlineData("v1/chat/completions", """{"model":"m","max_tokens":0,"messages":[{"role":"user","content":"x"}]}""", "Invalid 'max_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead.")]
    [InlineData("v1/chat/completions", """{"model":"m","n":0,"messages":[{"role":"user","content":"x"}]}""", "Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead.")]
    [InlineData("v1/chat/completions", """{"model":"m","n":129,"messages":[{"role":"user","content":"x"}]}""", "Invalid 'n': integer above maximum value. Expected a value <= 128, but got 129 instead.")]
    [InlineData("v1/messages", """{"model":"m","max_tokens":0,"messages":[{"role":"user","content":"x"}]}""", "max_tokens: Input should be greater than or equal to 1")]
    public async Task Out_of_range_limits_get_the_real_APIs_400(string path, string body, string message)
    {
        using var response = await PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(JsonSerializer.Serialize(message)[1..^1], await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAI_n_sends_that_many_choices_and_counts_their_tokens()
    {
        using var response = await PostAsync("v1/chat/completions", """{"model":"m","n":3,"messages":[{"role":"user","content":"fox"}]}""");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var choices = json.RootElement.GetProperty("choices").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], choices.Select(c => c.GetProperty("index").GetInt32()));
        Assert.All(choices, c => Assert.Equal(Sentence, c.GetProperty("message").GetProperty("content").GetString()));
        Assert.Equal(45, json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task OpenAI_n_streams_each_choice_under_its_index()
    {
        using var response = await PostAsync("v1/chat/completions", """{"model":"m","n":2,"stream":true,"messages":[{"role":"user","content":"fox"}]}""");

        var byIndex = new Dictionary<int, string>();
        var finished = new List<int>();
        foreach (var data in SseData(await response.Content.ReadAsStringAsync()))
        {
            var choice = data.GetProperty("choices")[0];
            var index = choice.GetProperty("index").GetInt32();
            byIndex[index] = byIndex.GetValueOrDefault(index, string.Empty) + (choice.GetProperty("delta").TryGetProperty("content", out var c) ? c.GetString() : null);
            if (choice.GetProperty("finish_reason").ValueKind == JsonValueKind.String)
            {
                finished.Add(index);
            }
        }

        Assert.Equal(Sentence, byIndex[0]);
        Assert.Equal(Sentence, byIndex[1]);
        Assert.Equal([0, 1], finished);
    }

    [Fact]
    public async Task Anthropic_models_list_has_the_real_fields_and_pages()
    {
        foreach (var model in new[] { "claude-a", "claude-b", "claude-c" })
        {
            _sim.Script.When(model: model).Reply("x");
        }

        using var first = await GetAsync("v1/models?limit=2", anthropic: true);
        var page = first.RootElement;
        Assert.Equal(["claude-a", "claude-b"], page.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var item = page.GetProperty("data")[0];
        Assert.Equal("model", item.GetProperty("type").GetString());
        Assert.Equal("claude-a", item.GetProperty("display_name").GetString());
        Assert.True(DateTimeOffset.TryParse(item.GetProperty("created_at").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.True(page.GetProperty("has_more").GetBoolean());
        Assert.Equal("claude-a", page.GetProperty("first_id").GetString());
        Assert.Equal("claude-b", page.GetProperty("last_id").GetString());

        using var second = await GetAsync("v1/models?limit=2&after_id=claude-b", anthropic: true);
        Assert.Equal(["claude-c"], second.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.False(second.RootElement.GetProperty("has_more").GetBoolean());

        using var before = await GetAsync("v1/models?limit=1&before_id=claude-c", anthropic: true);
        Assert.Equal("claude-b", before.RootElement.GetProperty("first_id").GetString());
        Assert.True(before.RootElement.GetProperty("has_more").GetBoolean());

        using var one = await GetAsync("v1/models/claude-b", anthropic: true);
        Assert.Equal("model", one.RootElement.GetProperty("type").GetString());
        using var unknown = await _http.SendAsync(Get("v1/models/claude-z", anthropic: true));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("not_found_error", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // OpenAI's shape on the same path when no anthropic-version header is sent.
        using var openAI = await GetAsync("v1/models", anthropic: false);
        Assert.Equal("list", openAI.RootElement.GetProperty("object").GetString());
        Assert.Equal(3, openAI.RootElement.GetProperty("data").GetArrayLength());
    }

    private async Task<(string Text, string? Finish, int OutputTokens)> AskAsync(string protocol, bool stream, string body)
    {
        var path = protocol switch { "anthropic" => "v1/messages", "ollama" => "api/chat", _ => "v1/chat/completions" };
        if (protocol == "openai" && stream)
        {
            body = body.Replace("\"stream\":true", "\"stream\":true,\"stream_options\":{\"include_usage\":true}", StringComparison.Ordinal);
        }

        using var response = await PostAsync(path, body);
        var content = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, content);
        if (!stream)
        {
            var root = JsonDocument.Parse(content).RootElement;
            return protocol switch
            {
                "anthropic" => (root.GetProperty("content")[0].GetProperty("text").GetString()!, root.GetProperty("stop_reason").GetString(), root.GetProperty("usage").GetProperty("output_tokens").GetInt32()),
                "ollama" => (root.GetProperty("message").GetProperty("content").GetString()!, root.GetProperty("done_reason").GetString(), root.GetProperty("eval_count").GetInt32()),
                _ => (root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!, root.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), root.GetProperty("usage").GetProperty("completion_tokens").GetInt32()),
            };
        }

        var text = new StringBuilder();
        string? finish = null;
        var tokens = 0;
        var events = protocol == "ollama"
            ? content.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            : SseData(content);
        foreach (var e in events)
        {
            switch (protocol)
            {
                case "anthropic":
                    if (e.GetProperty("type").GetString() == "content_block_delta")
                    {
                        text.Append(e.GetProperty("delta").GetProperty("text").GetString());
                    }
                    else if (e.GetProperty("type").GetString() == "message_delta")
                    {
                        finish = e.GetProperty("delta").GetProperty("stop_reason").GetString();
                        tokens = e.GetProperty("usage").GetProperty("output_tokens").GetInt32();
                    }

                    break;
                case "ollama":
                    text.Append(e.GetProperty("message").GetProperty("content").GetString());
                    if (e.GetProperty("done").GetBoolean())
                    {
                        finish = e.GetProperty("done_reason").GetString();
                        tokens = e.GetProperty("eval_count").GetInt32();
                    }

                    break;
                default:
                    if (e.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
                    {
                        tokens = usage.GetProperty("completion_tokens").GetInt32();
                    }

                    foreach (var choice in e.GetProperty("choices").EnumerateArray())
                    {
                        text.Append(choice.GetProperty("delta").TryGetProperty("content", out var c) ? c.GetString() : null);
                        finish = choice.GetProperty("finish_reason").GetString() ?? finish;
                    }

                    break;
            }
        }

        return (text.ToString(), finish, tokens);
    }

    private static IEnumerable<JsonElement> SseData(string body) =>
        body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('\n').FirstOrDefault(l => l.StartsWith("data: {", StringComparison.Ordinal)))
            .OfType<string>()
            .Select(l => JsonDocument.Parse(l[6..]).RootElement);

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        _http.PostAsync(new Uri(_sim.BaseUrl, path), new StringContent(json, Encoding.UTF8, "application/json"));

    private HttpRequestMessage Get(string path, bool anthropic)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_sim.BaseUrl, path));
        if (anthropic)
        {
            request.Headers.Add("anthropic-version", "2023-06-01");
        }

        return request;
    }

    private async Task<JsonDocument> GetAsync(string path, bool anthropic)
    {
        using var response = await _http.SendAsync(Get(path, anthropic));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text);
    }
}
