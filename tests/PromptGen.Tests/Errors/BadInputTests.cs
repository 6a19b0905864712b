using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Tests.Errors;

/// <summary>Misconfiguration is reported before any network call, naming the model id and the fix.</summary>
public class BadInputTests
{
    private static readonly ChatMessage[] s_hi = [new(ChatRole.User, "hi")];

    [Theory]
    [InlineData("nosuch/model", "Unknown provider 'nosuch'", "PromptGen:Providers:nosuch")]
    [InlineData("", "empty", "provider/model")]
    [InlineData("gpt-4o", "names no provider", "openai/gpt-4o")]
    [InlineData("openai/", "names no model", "openai/<model>")]
    [InlineData("openai/x@nowhere", "'@nowhere'", "PromptGen:Providers:nowhere")]
    public async Task Bad_model_id_fails_before_any_request(string model, string problem, string fix)
    {
        await using var host = await TestHost.StartAsync();

        var error = await Assert.ThrowsAsync<PromptConfigurationException>(() => host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = model }));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Simulator.Requests);
    }

    [Fact]
    public async Task Malformed_endpoint_url_names_the_setting_and_the_model()
    {
        await using var host = await TestHost.StartAsync(o => o.Provider("openai").BaseUrl = "htp:/broken");

        var error = await Assert.ThrowsAsync<PromptConfigurationException>(() => host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini" }));

        Assert.Contains("'htp:/broken'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not an absolute http or https URL", error.Message, StringComparison.Ordinal);
        Assert.Equal("openai/gpt-4o-mini", error.ModelId);
        Assert.Empty(host.Simulator.Requests);
    }

    [Fact]
    public async Task Missing_key_names_the_environment_variable()
    {
        await using var host = await TestHost.StartAsync(o => o.Provider("openai").ApiKey = null);

        var error = await Assert.ThrowsAsync<PromptConfigurationException>(() => host.Router.GetResponseAsync(s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini" }));

        Assert.Contains("No API key for provider 'openai' (model 'openai/gpt-4o-mini')", error.Message, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Simulator.Requests);
    }

    [Fact]
    public async Task A_broken_fallback_fails_the_call_before_the_primary_is_sent()
    {
        await using var host = await TestHost.StartAsync();

        var error = await Assert.ThrowsAsync<PromptConfigurationException>(() => host.Router.GetResponseAsync(
            s_hi, new PromptCallOptions { Model = "openai/gpt-4o-mini", Fallbacks = ["groq/llama"] }));

        Assert.Contains("GROQ_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Simulator.Requests);
    }

    [Fact]
    public void Missing_provider_package_names_the_package_to_add()
    {
        var services = new ServiceCollection();
        services.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = _ => null;
            o.Provider("anthropic").ApiKey = "k";
        }).AddOpenAI();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<PromptConfigurationException>(() => provider.GetRequiredService<PromptRouter>().Resolve("anthropic/claude-haiku-4-5"));

        Assert.Contains("PromptGen.Providers.Anthropic", error.Message, StringComparison.Ordinal);
        Assert.Contains(".AddAnthropic()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_provider_without_kind_says_which_kinds_exist()
    {
        using var router = Routing.EndpointResolutionTests.Create(new Dictionary<string, string>(), o => o.Provider("acme").BaseUrl = "https://x.test/v1");

        var error = Assert.Throws<PromptConfigurationException>(() => router.Resolve("acme/m"));

        Assert.Contains("PromptGen:Providers:acme:Kind", error.Message, StringComparison.Ordinal);
    }
}
