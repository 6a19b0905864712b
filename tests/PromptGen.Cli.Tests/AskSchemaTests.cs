using System.Text.Json;
using PromptGen.Testing;

namespace PromptGen.Cli.Tests;

/// <summary><c>promptgen ask --schema</c>: a typed answer streamed as a partial value, redrawn on a terminal, plain JSON when redirected.</summary>
public sealed class AskSchemaTests : IAsyncLifetime, IDisposable
{
    private const string Schema = """
        {"title":"Recipe","type":"object","properties":{"title":{"type":"string"},"steps":{"type":"array","items":{"type":"string"}}},"required":["title","steps"],"additionalProperties":false}
        """;

    private const string Answer = """{"title": "Pancakes", "steps": ["mix", "rest", "fry"]}""";

    private readonly CliRunner _cli = new();
    private LlmSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Redirected_output_gets_the_final_json_only_and_the_request_carries_the_schema()
    {
        _simulator.Script.Always().Reply(Answer).WithChunkSize(5);
        var config = _cli.WriteConfig(_simulator);
        var schema = _cli.WriteFile("recipe.schema.json", Schema);

        var result = await _cli.RunAsync(["ask", "--config", config, "--schema", schema, "A pancake recipe"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var printed = JsonDocument.Parse(result.Out);
        Assert.Equal("Pancakes", printed.RootElement.GetProperty("title").GetString());
        Assert.Equal(3, printed.RootElement.GetProperty("steps").GetArrayLength());
        Assert.DoesNotContain("streaming", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Out, StringComparison.Ordinal);
        var request = Assert.Single(_simulator.Requests);
        Assert.True(request.Stream);
        var format = request.BodyJson!.Value.GetProperty("response_format").GetProperty("json_schema");
        Assert.Equal("Recipe", format.GetProperty("name").GetString());
        Assert.Contains("answered by openai/gpt-4o-mini", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_terminal_the_value_is_redrawn_as_it_streams_then_shown_final()
    {
        _simulator.Script.Always().Reply(Answer).WithChunkSize(5);
        var config = _cli.WriteConfig(_simulator);
        var schema = _cli.WriteFile("recipe.schema.json", Schema);

        var result = await _cli.RunAsync(["ask", "--config", config, "--schema", schema, "A pancake recipe"], interactive: true);

        Assert.True(result.ExitCode == 0, result.ToString());

        // A live display: at least one frame while streaming (with what is complete so far), redrawn in place (cursor
        // control), and a last frame with the whole value.
        Assert.Contains("streaming", result.Out, StringComparison.Ordinal);
        Assert.Contains("complete:", result.Out, StringComparison.Ordinal);
        Assert.Contains("\u001b[", result.Out, StringComparison.Ordinal);
        var last = result.Out.LastIndexOf("done", StringComparison.Ordinal);
        Assert.True(last > result.Out.LastIndexOf("streaming", StringComparison.Ordinal), result.Out);
        Assert.Contains("\"fry\"", result.Out[last..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_breaks_the_schema_mid_stream_is_re_asked()
    {
        _simulator.Script.Always().Reply("""{"title": {"name": "Pancakes"}, "steps": ["mix", "rest", "fry", "serve", "eat", "wash up"]}""").WithChunkSize(5).Times(1);
        _simulator.Script.Always().Reply(Answer).WithChunkSize(5);
        var config = _cli.WriteConfig(_simulator);
        var schema = _cli.WriteFile("recipe.schema.json", Schema);

        var result = await _cli.RunAsync(["ask", "--config", config, "--schema", schema, "--json", "A pancake recipe"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var printed = JsonDocument.Parse(result.Out);
        using var text = JsonDocument.Parse(printed.RootElement.GetProperty("text").GetString()!);
        Assert.Equal("Pancakes", text.RootElement.GetProperty("title").GetString());
        var attempts = printed.RootElement.GetProperty("attempts");
        Assert.Equal(2, attempts.GetArrayLength());
        Assert.StartsWith("Stopped the streamed answer", attempts[0].GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, _simulator.Requests.Count);
    }
}
