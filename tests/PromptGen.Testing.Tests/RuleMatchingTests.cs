using System.Text;
using System.Text.Json;

namespace PromptGen.Testing.Tests;

/// <summary>Rules see the prompt the user wrote on every turn: any text block, the first user message and the last.</summary>
public sealed class RuleMatchingTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private LlmSimulator _sim = null!;

    public async Task InitializeAsync() => _sim = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_prompt_with_an_image_between_its_text_blocks_matches()
    {
        _sim.Script.When(userContains: "describe the chart").Reply("a bar chart");

        var answer = await AskAsync("""
            [{"role":"user","content":[
              {"type":"text","text":"Please describe the chart"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
              {"type":"text","text":"in one line."}]}]
            """);

        Assert.Equal("a bar chart", answer);
        Assert.Equal("Please describe the chart\n\nin one line.", _sim.Requests[^1].FirstUserMessageText);
        Assert.Equal("in one line.", _sim.Requests[^1].LastUserText);
    }

    [Fact]
    public async Task A_re_ask_turn_still_matches_the_original_prompt_and_can_be_scripted_by_its_repair_text()
    {
        _sim.Script.When(userContains: "does not fit the schema").Reply("""{"city":"Paris"}""");
        _sim.Script.When(userContains: "capital of France").Reply("Paris, of course");

        var first = await AskAsync("""[{"role":"user","content":"What is the capital of France?"}]""");
        var reask = await AskAsync("""
            [{"role":"user","content":"What is the capital of France?"},
             {"role":"assistant","content":"Paris, of course"},
             {"role":"user","content":"The JSON in the answer does not fit the schema: $ must be an object."}]
            """);
        _sim.Script.Clear();
        _sim.Script.When(userContains: "capital of France").Reply("matched on the first message");
        var later = await AskAsync("""
            [{"role":"user","content":"What is the capital of France?"},
             {"role":"assistant","content":"Paris"},
             {"role":"user","content":"And its population?"}]
            """);

        Assert.Equal("Paris, of course", first);
        Assert.Equal("""{"city":"Paris"}""", reask);
        Assert.Equal("matched on the first message", later);
    }

    private async Task<string> AskAsync(string messages)
    {
        using var content = new StringContent($$"""{"model":"gpt-4o-mini","messages":{{messages}}}""", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(_sim.OpenAIBaseUrl, "chat/completions"), content);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }
}
