using System.Text;

namespace PromptGen.Testing.Tests;

/// <summary>StreamCut delivers the partial events over TCP, then cuts: a client reads text first, then fails.</summary>
public sealed class StreamCutTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private LlmSimulator _sim = null!;

    public async Task InitializeAsync() => _sim = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("v1/chat/completions", """{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]}""", "\"content\":\"one ")]
    [InlineData("v1/messages", """{"model":"claude-haiku-4-5","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"hi"}]}""", "\"text\":\"one ")]
    [InlineData("api/chat", """{"model":"llama3.2","messages":[{"role":"user","content":"hi"}]}""", "\"content\":\"one ")]
    public async Task The_partial_stream_arrives_before_the_connection_is_cut(string path, string body, string firstText)
    {
        _sim.Script.Always().Reply("one two three four five six seven eight nine ten").Fault(SimulatorFault.StreamCut);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_sim.BaseUrl, path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", "k");
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var received = new StringBuilder();
        var buffer = new byte[256];
        var error = await Record.ExceptionAsync(async () =>
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        });

        Assert.Contains(firstText, received.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("nine ten", received.ToString(), StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error is HttpRequestException { InnerException: { } inner } ? inner : error);
    }
}
