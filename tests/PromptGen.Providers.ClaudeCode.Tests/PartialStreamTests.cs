using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using PromptGen.Generated;

namespace PromptGen.Providers.ClaudeCode.Tests;

public sealed record Dish(string Name, List<string> Steps);

[JsonSerializable(typeof(Dish))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class DishJson : JsonSerializerContext;

/// <summary><c>max/*</c> typed partial streaming through the real <c>claude</c> CLI (stream-json) against the simulator.</summary>
public class PartialStreamTests
{
    private static readonly ChatMessage[] s_ask = [new(ChatRole.User, "A pancake recipe as JSON")];

    private static readonly PromptDescriptor s_dish = new("IChef", "DishAsync")
    {
        Model = "max/sonnet",
        Stream = true,
        JsonSchema = """{"type":"object","properties":{"name":{"type":"string"},"steps":{"type":"array","items":{"type":"string"}}},"required":["name","steps"]}"""u8.ToArray(),
        SchemaName = "Dish",
    };

    [Fact]
    public async Task A_typed_answer_streams_through_the_cli_as_partial_values_and_ends_validated()
    {
        await using var host = await ClaudeHost.StartAsync();
        const string Answer = """{"name": "Pancakes", "steps": ["mix", "rest", "fry"]}""";
        host.Simulator.Script.Always().Reply(Answer).WithChunkSize(6);

        var updates = new List<PromptPartial<Dish>>();
        await foreach (var update in new PromptExecutor(host.Router).StreamJsonAsync(s_dish, s_ask, DishJson.Default.Dish, CancellationToken.None))
        {
            updates.Add(update);
        }

        var final = updates[^1];
        Assert.True(final.IsFinal);
        Assert.Equal(["mix", "rest", "fry"], final.Value!.Steps);
        Assert.Equal("max/sonnet", final.Result!.ModelId);
        Assert.Single(final.Result.Trace.Attempts);
        var partials = updates.Take(updates.Count - 1).ToList();
        Assert.NotEmpty(partials);
        Assert.All(partials, u => Assert.StartsWith(u.Text, Answer, StringComparison.Ordinal));
        Assert.Single(host.Posts);
    }
}
