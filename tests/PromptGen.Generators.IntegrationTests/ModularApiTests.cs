using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace PromptGen.Generators.IntegrationTests;

/// <summary>
/// Render and parse separately over real HTTP: a method's request rendered without sending, sent through a plain
/// OpenAI <see cref="IChatClient"/> to the simulator, and the answer read with the method's rules — the same request
/// body and the same result as the generated call.
/// </summary>
public sealed class ModularApiTests : IAsyncLifetime
{
    private Host _host = null!;

    public async Task InitializeAsync() => _host = await Host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Rendered_request_sent_elsewhere_and_parsed_equals_the_call()
    {
        _host.Simulator.Script.Always().ReplyJson("""{"city":"Lisbon","stops":["Belem","Alfama"],"pace":"relaxed","note":null,}""");
        var client = (TravelClient)_host.Client;

        var request = client.Render.PlanAsync("Lisbon", 2, ["food", "tiles"]);
        Assert.Equal("openai/gpt-4o-mini", request.Model);
        Assert.Equal("gpt-4o-mini", request.Options.ModelId);
        Assert.IsType<ChatResponseFormatJson>(request.Options.ResponseFormat);
        using var plain = new OpenAIClient(new ApiKeyCredential("sk-test-plain"), new OpenAIClientOptions { Endpoint = _host.Simulator.OpenAIBaseUrl })
            .GetChatClient(request.Options.ModelId).AsIChatClient();
        var response = await plain.GetResponseAsync(request.Messages, request.Options);
        var parsed = await client.Parse.PlanAsync(response.Text, request.Model);

        var called = await _host.Client.PlanAsync("Lisbon", 2, ["food", "tiles"]);

        Assert.Equal((called.City, called.Pace, called.Note), (parsed.Value.City, parsed.Value.Pace, parsed.Value.Note));
        Assert.Equal(called.Stops, parsed.Value.Stops);
        Assert.Equal("openai/gpt-4o-mini", parsed.ModelId);
        Assert.Contains(parsed.Repairs, r => r.ToString().Contains("comma", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, _host.Simulator.Requests.Count);
        var (sent, byCall) = (_host.Simulator.Requests[0], _host.Simulator.Requests[1]);
        Assert.Equal(byCall.LastUserText, sent.LastUserText);
        Assert.Equal(
            byCall.BodyJson!.Value.GetProperty("response_format").GetRawText(),
            sent.BodyJson!.Value.GetProperty("response_format").GetRawText());
    }

    [Fact]
    public async Task Parsed_answer_that_breaks_a_rule_fails_with_the_rule_and_no_model_call()
    {
        var client = (TravelClient)_host.Client;

        var error = await Assert.ThrowsAsync<ResponseValidationException>(async () =>
            await client.Parse.PlanCheckedAsync("""{"city":"Lisbon","stops":[],"pace":"Busy","note":null}"""));

        Assert.Contains("ITravelClient.PlanCheckedAsync", error.Message, StringComparison.Ordinal);
        Assert.Contains("stops[0]", error.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Simulator.Requests);
    }

    [Fact]
    public async Task Text_method_renders_its_system_prompt_and_parses_with_its_rules()
    {
        var client = (TravelClient)_host.Client;

        var request = client.Render.CapitalAsync("France");
        var parsed = await client.Parse.BestSightAsync("The Eiffel Tower");

        Assert.Equal(["You are a concise travel guide.", "What is the capital of France? Answer with the city only."], request.Messages.Select(m => m.Text));
        Assert.Equal("The Eiffel Tower", parsed.Value);
        await Assert.ThrowsAsync<ResponseValidationException>(async () => await client.Parse.BestSightAsync("As an AI I cannot visit places"));
    }
}
