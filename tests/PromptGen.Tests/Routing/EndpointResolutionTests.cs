using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Tests.Routing;

/// <summary>Where each prefix goes by default, with no network involved.</summary>
public class EndpointResolutionTests
{
    private static readonly Dictionary<string, string> s_keys = new()
    {
        ["OPENAI_API_KEY"] = "k1",
        ["ANTHROPIC_API_KEY"] = "k2",
        ["OPENROUTER_API_KEY"] = "k3",
        ["GROQ_API_KEY"] = "k4",
        ["GEMINI_API_KEY"] = "k5",
        ["RUNPOD_API_KEY"] = "k6",
    };

    [Theory]
    [InlineData("openai/gpt-4o-mini", "openai", "openai", "https://api.openai.com/v1/")]
    [InlineData("anthropic/claude-haiku-4-5", "anthropic", "anthropic", "https://api.anthropic.com/")]
    [InlineData("ollama/llama3.2", "ollama", "openai", "http://localhost:11434/v1/")]
    [InlineData("openrouter/meta-llama/llama-3.3-70b", "openrouter", "openai", "https://openrouter.ai/api/v1/")]
    [InlineData("groq/llama-3.1-8b-instant", "groq", "openai", "https://api.groq.com/openai/v1/")]
    [InlineData("gemini/gemini-2.5-flash", "gemini", "openai", "https://generativelanguage.googleapis.com/v1beta/openai/")]
    [InlineData("runpod/pod42/llama-3.1-8b", "runpod", "openai", "https://api.runpod.ai/v2/pod42/openai/v1/")]
    [InlineData("vllm/qwen2.5", "vllm", "openai", "http://localhost:8000/v1/")]
    [InlineData("lmstudio/phi-4", "lmstudio", "openai", "http://localhost:1234/v1/")]
    [InlineData("openai/local@http://127.0.0.1:9999/v1", "openai", "openai", "http://127.0.0.1:9999/v1/")]
    public void Each_prefix_resolves_to_its_provider_and_default_endpoint(string id, string provider, string kind, string url)
    {
        using var router = Create(s_keys);

        var route = router.Resolve(id);

        Assert.Equal(provider, route.Endpoint.Provider);
        Assert.Equal(kind, route.Endpoint.Kind);
        Assert.Equal(url, route.Endpoint.BaseUrl!.ToString());
    }

    [Fact]
    public void Ollama_host_variable_becomes_the_openai_compatible_base_url()
    {
        using var router = Create(new Dictionary<string, string> { ["OLLAMA_HOST"] = "10.1.2.3:11434" });

        var route = router.Resolve("ollama/llama3.2");

        Assert.Equal("http://10.1.2.3:11434/v1/", route.Endpoint.BaseUrl!.ToString());
        Assert.Equal("environment variable OLLAMA_HOST", route.Endpoint.Sources["BaseUrl"]);
    }

    [Fact]
    public void Cached_route_is_the_same_instance()
    {
        using var router = Create(s_keys);

        Assert.Same(router.Resolve("openai/gpt-4o-mini"), router.Resolve("openai/gpt-4o-mini"));
    }

    [Fact]
    public void Aliases_resolve_through_chains_and_keep_the_alias_name()
    {
        using var router = Create(s_keys, o =>
        {
            o.Aliases["fast"] = "cheap";
            o.Aliases["cheap"] = "openai/gpt-4o-mini";
        });

        var route = router.Resolve("FAST");

        Assert.Equal("openai/gpt-4o-mini", route.Id.Canonical);
        Assert.Equal("FAST", route.Alias, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Alias_cycle_is_a_clear_error()
    {
        using var router = Create(s_keys, o =>
        {
            o.Aliases["a"] = "b";
            o.Aliases["b"] = "a";
        });

        var error = Assert.Throws<PromptConfigurationException>(() => router.Resolve("a"));
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fallback_chain_is_call_fallbacks_then_configured_ones_without_duplicates()
    {
        using var router = Create(s_keys, o =>
        {
            o.Aliases["smart"] = "anthropic/claude-sonnet-4-5";
            o.Fallbacks["openai/gpt-4o"] = ["smart", "groq/llama-3.1-8b-instant"];
        });

        var chain = router.ResolveChain("openai/gpt-4o", ["anthropic/claude-sonnet-4-5", "gemini/gemini-2.5-flash"]);

        Assert.Equal(
            ["openai/gpt-4o", "anthropic/claude-sonnet-4-5", "gemini/gemini-2.5-flash", "groq/llama-3.1-8b-instant"],
            chain.Select(r => r.Id.Canonical));
    }

    [Fact]
    public void Default_model_is_used_when_none_is_named()
    {
        using var router = Create(s_keys, o => o.DefaultModel = "groq/llama-3.1-8b-instant");

        Assert.Equal("groq/llama-3.1-8b-instant", router.Resolve(null).Id.Canonical);
    }

    [Fact]
    public void Custom_provider_entry_defines_a_new_prefix()
    {
        using var router = Create(s_keys, o =>
        {
            o.Provider("acme").Kind = "openai";
            o.Provider("acme").BaseUrl = "https://llm.acme.test/v1";
        });

        var route = router.Resolve("acme/acme-large");

        Assert.Equal("https://llm.acme.test/v1/", route.Endpoint.BaseUrl!.ToString());
        Assert.Equal("acme-large", route.Id.Model);
    }

    [Fact]
    public void Named_endpoint_uses_that_provider_entry()
    {
        using var router = Create(s_keys, o =>
        {
            o.Provider("eu").Kind = "openai";
            o.Provider("eu").BaseUrl = "https://eu.example.test/v1";
        });

        var route = router.Resolve("openai/gpt-4o@eu");

        Assert.Equal("eu", route.Endpoint.Provider);
        Assert.Equal("https://eu.example.test/v1/", route.Endpoint.BaseUrl!.ToString());
    }

    [Fact]
    public void A_user_supplied_chat_client_can_be_registered_under_a_model_id()
    {
        using var client = new EchoChatClient();
        var services = new ServiceCollection();
        services.AddPromptGen(configure: o => o.EnvironmentVariables = _ => null).AddChatClient("local/echo", client);
        using var provider = services.BuildServiceProvider();

        var route = provider.GetRequiredService<PromptRouter>().Resolve("local/echo");

        Assert.Same(client, route.Client);
    }

    internal static PromptRouter Create(IReadOnlyDictionary<string, string> environment, Action<PromptGenOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = name => environment.GetValueOrDefault(name);
            configure?.Invoke(o);
        }).AddOpenAI().AddAnthropic();
        return services.BuildServiceProvider().GetRequiredService<PromptRouter>();
    }
}
