namespace PromptGen.Tests.Routing;

public class ModelIdTests
{
    [Theory]
    [InlineData("openai/gpt-4o-mini", "openai", "gpt-4o-mini", null, null)]
    [InlineData("OpenAI/gpt-4o-mini", "openai", "gpt-4o-mini", null, null)]
    [InlineData("anthropic/claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5", null, null)]
    [InlineData("openrouter/meta-llama/llama-3.3-70b", "openrouter", "meta-llama/llama-3.3-70b", null, null)]
    [InlineData("runpod/abc123/llama-3.1-8b", "runpod", "llama-3.1-8b", "abc123", null)]
    [InlineData("max/opus", "max", "opus", null, null)]
    [InlineData("max", "max", "default", null, null)]
    [InlineData("opus", "max", "opus", null, null)]
    [InlineData("claude-code/sonnet", "max", "sonnet", null, null)]
    [InlineData("max/text-general", "max", "text-general", null, null)]
    [InlineData("openai/my-model@http://localhost:8000/v1", "openai", "my-model", null, "http://localhost:8000/v1")]
    [InlineData("openai/gpt-4o@azure-east", "openai", "gpt-4o", null, "azure-east")]
    public void Parses_every_documented_form(string text, string provider, string model, string? pod, string? endpoint)
    {
        var id = ModelId.Parse(text);

        Assert.Equal(provider, id.Provider);
        Assert.Equal(model, id.Model);
        Assert.Equal(pod, id.Pod);
        Assert.Equal(endpoint, id.Endpoint);
        Assert.Equal(text, id.Original);
    }

    [Fact]
    public void Canonical_form_round_trips()
    {
        Assert.Equal("runpod/abc/llama", ModelId.Parse("RunPod/abc/llama").Canonical);
        Assert.Equal("max/opus", ModelId.Parse("opus").Canonical);
        Assert.Equal("openai/m@http://h:1/v1", ModelId.Parse("openai/m@http://h:1/v1").Canonical);
    }

    [Theory]
    [InlineData("", "empty", "provider/model")]
    [InlineData("   ", "empty", "provider/model")]
    [InlineData("gpt-4o", "names no provider", "openai/gpt-4o")]
    [InlineData("openai/", "names no model", "openai/<model>")]
    [InlineData("/gpt-4o", "empty provider", "provider/model")]
    [InlineData("openai/gpt 4o", "whitespace", "no spaces")]
    [InlineData("runpod/llama", "pod and a model", "runpod/<pod-id>/<model>")]
    [InlineData("openai/m@", "names no endpoint", "@name")]
    [InlineData("openai/m@ftp://host/v1", "not an absolute http or https URL", "openai/my-model@http://localhost:8000/v1")]
    [InlineData("openai:gpt-4o", "separates provider and model with ':'", "write 'openai/gpt-4o'")]
    public void Malformed_ids_name_the_problem_and_the_fix(string text, string problem, string fix)
    {
        var error = Assert.Throws<PromptConfigurationException>(() => ModelId.Parse(text));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
        Assert.Equal(PromptErrorKind.Configuration, error.Kind);
    }
}
