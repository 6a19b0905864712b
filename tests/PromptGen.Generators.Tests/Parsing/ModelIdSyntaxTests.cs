using PromptGen.Generators.Parsing;

namespace PromptGen.Generators.Tests.Parsing;

public class ModelIdSyntaxTests
{
    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData("Anthropic/claude-sonnet-4-5")]
    [InlineData("openrouter/meta-llama/llama-3.3-70b")]
    [InlineData("runpod/abc123/llama-3.1-8b")]
    [InlineData("max/opus")]
    [InlineData("max")]
    [InlineData("opus")]
    [InlineData("claude-code/sonnet")]
    [InlineData("my-alias")]
    [InlineData("openai/my-model@local")]
    [InlineData("openai/my-model@http://localhost:8000/v1")]
    public void Well_formed_ids_pass(string id) => Assert.Null(ModelIdSyntax.Check(id));

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("openai/gpt 4o", "contains whitespace")]
    [InlineData("openai/gpt-4o@", "names no endpoint")]
    [InlineData("openai/gpt-4o@ftp://host", "not an absolute http or https URL")]
    [InlineData("/gpt-4o", "empty provider")]
    [InlineData("openai/", "names no model")]
    [InlineData("runpod/llama", "must name a pod and a model")]
    [InlineData("runpod/pod/", "names no model")]
    public void Malformed_ids_say_what_and_how_to_fix(string id, string problem)
    {
        var error = ModelIdSyntax.Check(id);

        Assert.NotNull(error);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Contains("write", error, StringComparison.OrdinalIgnoreCase);
    }
}
