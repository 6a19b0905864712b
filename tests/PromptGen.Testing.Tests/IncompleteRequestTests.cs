using System.Net;
using System.Text;
using System.Text.Json;

namespace PromptGen.Testing.Tests;

/// <summary>A chat request without a model or messages gets the real API's 400, never a 200; without a key, when keys are required, its 401.</summary>
public sealed class IncompleteRequestTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private LlmSimulator _sim = null!;

    public async Task InitializeAsync() => _sim = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}]}""", "you must provide a model parameter")]
    [InlineData("v1/chat/completions", """{"model":"gpt-4o-mini"}""", "Missing required parameter: 'messages'.")]
    [InlineData("v1/chat/completions", """{"model":"gpt-4o-mini","messages":[]}""", "Invalid 'messages': empty array.")]
    [InlineData("v1/messages", """{"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", "model: Field required")]
    [InlineData("v1/messages", """{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Field required")]
    [InlineData("v1/messages", """{"model":"claude-haiku-4-5","max_tokens":10}""", "messages: Field required")]
    [InlineData("api/chat", """{"messages":[{"role":"user","content":"hi"}]}""", "model is required")]
    public async Task Answers_400_in_the_APIs_own_words(string path, string body, string message)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(_sim.BaseUrl, path), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("error");
        var said = error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetProperty("message").GetString();
        Assert.Contains(message, said, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1/chat/completions", null, HttpStatusCode.Unauthorized, "You didn't provide an API key.")]
    [InlineData("v1/messages", null, HttpStatusCode.Unauthorized, "x-api-key header is required")]
    [InlineData("v1/chat/completions", "Authorization", HttpStatusCode.OK, null)]
    [InlineData("v1/messages", "x-api-key", HttpStatusCode.OK, null)]
    [InlineData("api/chat", null, HttpStatusCode.OK, null)]
    public async Task With_keys_required_a_keyless_request_gets_the_real_401(string path, string? header, HttpStatusCode status, string? message)
    {
        await using var sim = await LlmSimulator.StartAsync(new LlmSimulatorOptions { RequireApiKey = true });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.BaseUrl, path))
        {
            Content = new StringContent("""{"model":"m","max_tokens":10,"stream":false,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, header == "Authorization" ? "Bearer sk-test-key" : "sk-test-key");
        }

        using var response = await _http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        if (message is not null)
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(message, json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task By_default_a_keyless_request_is_answered()
    {
        using var content = new StringContent("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(_sim.BaseUrl, "v1/chat/completions"), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
