using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using PromptGen.Generated;

namespace PromptGen.Tests.Generated;

public sealed record City(string Name, string Country);

[JsonSerializable(typeof(City))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class CityJson : JsonSerializerContext;

/// <summary>The runtime surface generated callers use, exercised the way generated code calls it.</summary>
public class PromptExecutorTests
{
    private static readonly PromptDescriptor s_city = new("ITravel", "CityAsync")
    {
        Model = "openai/gpt-4o-mini",
        JsonSchema = """{"type":"object","properties":{"name":{"type":"string"},"country":{"type":"string"}},"required":["name","country"],"additionalProperties":false}"""u8.ToArray(),
        SchemaName = "City",
        Temperature = 0.2f,
    };

    [Theory]
    [InlineData("""{"name":"Paris","country":"France"}""")]
    [InlineData("```json\n{\"name\":\"Paris\",\"country\":\"France\"}\n```")]
    [InlineData("Here you go: {\"name\":\"Paris\",\"country\":\"France\"} Hope that helps.")]
    public async Task Typed_result_is_read_from_json_with_fences_or_prose(string answer)
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Reply(answer);

        var result = await Executor(host).GetJsonAsync(s_city, [new ChatMessage(ChatRole.User, "capital of France?")], CityJson.Default.City, CancellationToken.None);

        Assert.Equal(new City("Paris", "France"), result.Value);
        Assert.Equal(answer, result.RawText);
        var request = Assert.Single(host.Simulator.Requests).BodyJson!.Value;
        Assert.Equal("City", request.GetProperty("response_format").GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Equal(0.2, request.GetProperty("temperature").GetDouble(), 3);
    }

    [Fact]
    public async Task Invalid_json_is_a_validation_error_that_keeps_the_raw_answer()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Reply("Paris, France");

        var error = await Assert.ThrowsAsync<ResponseValidationException>(() =>
            Executor(host).GetJsonAsync(s_city, [new ChatMessage(ChatRole.User, "capital?")], CityJson.Default.City, CancellationToken.None).AsTask());

        Assert.Equal("Paris, France", error.RawText);
        Assert.Contains("ITravel.CityAsync", error.Message, StringComparison.Ordinal);
        Assert.Contains("contains no JSON object", error.Message, StringComparison.Ordinal);

        // The first answer and the two default re-asks.
        Assert.Equal(3, error.Trace.Attempts.Count);
        Assert.Equal(3, error.Attempts.Count);
    }

    [Fact]
    public async Task Text_and_stream_results()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Reply("alpha beta gamma");
        var text = new PromptDescriptor("IText", "SayAsync") { Model = "anthropic/claude-haiku-4-5" };

        var result = await Executor(host).GetTextAsync(text, [new ChatMessage(ChatRole.User, "say")], CancellationToken.None);
        var streamed = await Executor(host).StreamTextAsync(text, [new ChatMessage(ChatRole.User, "say")], CancellationToken.None).ToListAsync();

        Assert.Equal("alpha beta gamma", result.Value);
        Assert.Equal("alpha beta gamma", string.Concat(streamed));
        Assert.True(streamed.Count > 1);
    }

    private static PromptExecutor Executor(TestHost host) => new(host.Router);
}
