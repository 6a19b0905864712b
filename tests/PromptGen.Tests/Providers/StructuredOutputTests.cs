using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PromptGen.Tests.Providers;

/// <summary>A JSON-schema request is sent in the form each provider supports.</summary>
public class StructuredOutputTests
{
    private static readonly JsonElement s_schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;

    private static PromptCallOptions Call(string model) => new()
    {
        Model = model,
        ChatOptions = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(s_schema, "City") },
    };

    [Fact]
    public async Task Native_mode_sends_openai_json_schema()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().ReplyJson("""{"city":"Paris"}""");

        var result = await host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "capital of France?")], Call("openai/gpt-4o-mini"));

        Assert.Equal("""{"city":"Paris"}""", result.Value.Text);
        var format = Assert.Single(host.Simulator.Requests).BodyJson!.Value.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("object", format.GetProperty("json_schema").GetProperty("schema").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Json_mode_sends_json_object_and_puts_the_schema_in_the_system_prompt()
    {
        await using var host = await TestHost.StartAsync(o =>
        {
            o.Provider("ollama").BaseUrl = o.Providers["openai"].BaseUrl;
        });

        await host.Router.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be exact."), new ChatMessage(ChatRole.User, "capital of France?")],
            Call("ollama/llama3.2"));

        var request = Assert.Single(host.Simulator.Requests);
        Assert.Equal("json_object", request.BodyJson!.Value.GetProperty("response_format").GetProperty("type").GetString());
        Assert.StartsWith("Be exact.", request.SystemText, StringComparison.Ordinal);
        Assert.Contains("\"required\":[\"city\"]", request.SystemText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_mode_sends_no_response_format_and_adds_a_system_instruction()
    {
        await using var host = await TestHost.StartAsync(o =>
        {
            o.Provider("lmstudio").BaseUrl = o.Providers["openai"].BaseUrl;
            o.Provider("lmstudio").StructuredOutput = "prompt";
        });

        await host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "capital of France?")], Call("lmstudio/phi-4"));

        var request = Assert.Single(host.Simulator.Requests);
        Assert.False(request.BodyJson!.Value.TryGetProperty("response_format", out _));
        Assert.Contains("conforms to this JSON Schema", request.SystemText, StringComparison.Ordinal);
        Assert.Equal("capital of France?", request.LastUserText);
    }
}
