using Microsoft.Extensions.AI;
using PromptGen.Testing;

namespace PromptGen.Tests.Routing;

/// <summary>Every prefix reaches the right endpoint with the right key and model, over real HTTP.</summary>
public class RoutingOverHttpTests
{
    [Theory]
    [InlineData("openai/gpt-4o-mini", "gpt-4o-mini")]
    [InlineData("ollama/llama3.2", "llama3.2")]
    [InlineData("openrouter/meta-llama/llama-3.3-70b", "meta-llama/llama-3.3-70b")]
    [InlineData("groq/llama-3.1-8b-instant", "llama-3.1-8b-instant")]
    [InlineData("gemini/gemini-2.5-flash", "gemini-2.5-flash")]
    [InlineData("runpod/pod42/llama-3.1-8b", "llama-3.1-8b")]
    [InlineData("vllm/qwen2.5", "qwen2.5")]
    [InlineData("lmstudio/phi-4", "phi-4")]
    [InlineData("anthropic/claude-haiku-4-5", "claude-haiku-4-5")]
    public async Task Each_prefix_calls_its_endpoint_with_its_own_key(string id, string model)
    {
        await using var host = await TestHost.StartAsync(o =>
        {
            foreach (var provider in new[] { "ollama", "openrouter", "groq", "gemini", "runpod", "vllm", "lmstudio" })
            {
                o.Provider(provider).BaseUrl = o.Providers["openai"].BaseUrl;
                o.Provider(provider).ApiKey = $"key-for-{provider}";
            }
        });
        host.Simulator.Script.When(model: model).Reply($"hello from {model}");

        var result = await host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = id });

        Assert.Equal($"hello from {model}", result.Value.Text);
        var request = Assert.Single(host.Simulator.Requests);
        Assert.Equal(model, request.Model);
        var provider = ModelId.Parse(id).Provider;
        if (provider == "anthropic")
        {
            Assert.Equal(SimulatorProtocol.Anthropic, request.Protocol);
            // The Anthropic .NET SDK sends the key as a bearer token; the API also accepts x-api-key.
            var sent = request.Headers.TryGetValue("x-api-key", out var apiKey) ? apiKey : request.Headers["Authorization"].Replace("Bearer ", string.Empty, StringComparison.Ordinal);
            Assert.Equal(TestHost.AnthropicKey, sent);
        }
        else
        {
            Assert.Equal(SimulatorProtocol.OpenAI, request.Protocol);
            var expectedKey = provider == "openai" ? TestHost.OpenAIKey : $"key-for-{provider}";
            Assert.Equal($"Bearer {expectedKey}", request.Headers["Authorization"]);
        }
    }

    [Fact]
    public async Task Url_in_the_model_id_overrides_the_provider_endpoint()
    {
        await using var host = await TestHost.StartAsync(o => o.Provider("openai").BaseUrl = "http://127.0.0.1:1/unused/v1");

        var result = await host.Router.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "hi")],
            new PromptCallOptions { Model = $"openai/my-local@{host.Simulator.OpenAIBaseUrl}" });

        Assert.Equal("my-local", Assert.Single(host.Simulator.Requests).Model);
        Assert.Equal($"openai/my-local@{host.Simulator.OpenAIBaseUrl}", result.ModelId);
    }

    [Fact]
    public async Task Alias_routes_to_its_target_over_http()
    {
        await using var host = await TestHost.StartAsync(o => o.Aliases["smart"] = "anthropic/claude-sonnet-4-5");

        var result = await host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = "smart" });

        Assert.Equal("anthropic/claude-sonnet-4-5", result.ModelId);
        Assert.Equal(SimulatorProtocol.Anthropic, Assert.Single(host.Simulator.Requests).Protocol);
    }

    [Fact]
    public async Task System_prompt_is_placed_where_each_provider_expects_it()
    {
        await using var host = await TestHost.StartAsync();
        ChatMessage[] messages = [new(ChatRole.System, "You are terse."), new(ChatRole.User, "hi")];

        await host.Router.GetResponseAsync(messages, new PromptCallOptions { Model = "anthropic/claude-haiku-4-5" });
        await host.Router.GetResponseAsync(messages, new PromptCallOptions { Model = "openai/gpt-4o-mini" });

        var anthropic = host.Simulator.Requests[0];
        var openai = host.Simulator.Requests[1];
        Assert.Equal("You are terse.", anthropic.SystemText);
        Assert.True(anthropic.BodyJson!.Value.TryGetProperty("system", out _), "Anthropic takes the system prompt as the top-level 'system' field");
        Assert.Equal(1, anthropic.MessageCount);
        Assert.Equal("You are terse.", openai.SystemText);
        Assert.Equal(2, openai.MessageCount);
    }

    [Fact]
    public async Task Anthropic_requests_always_carry_max_tokens_from_configuration()
    {
        await using var host = await TestHost.StartAsync(o => o.Provider("anthropic").MaxOutputTokens = 777);

        await host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = "anthropic/claude-haiku-4-5" });

        Assert.Equal(777, Assert.Single(host.Simulator.Requests).BodyJson!.Value.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task Usage_and_trace_are_reported()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Reply("ok").WithUsage(12, 3);

        var result = await host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new PromptCallOptions { Model = "openai/gpt-4o-mini" });

        Assert.Equal(12, result.Usage!.InputTokenCount);
        Assert.Equal(3, result.Usage.OutputTokenCount);
        var attempt = Assert.Single(result.Trace.Attempts);
        Assert.Equal(AttemptKind.Primary, attempt.Kind);
        Assert.Equal(AttemptOutcome.Succeeded, attempt.Outcome);
        Assert.Equal(12, attempt.InputTokens);
    }
}
