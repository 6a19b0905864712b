using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Tests.Configuration;

public class ConfigurationTests
{
    [Fact]
    public async Task Configuration_section_routes_calls_with_aliases_fallbacks_and_keys()
    {
        await using var probe = await TestHost.StartAsync();
        var url = probe.Simulator.OpenAIBaseUrl.ToString();
        await using var host = await TestHost.StartAsync(pointProvidersAtSimulator: false, configuration: new Dictionary<string, string?>
        {
            ["PromptGen:DefaultModel"] = "fast",
            ["PromptGen:Aliases:fast"] = "local/small",
            ["PromptGen:Providers:local:Kind"] = "openai",
            ["PromptGen:Providers:local:BaseUrl"] = url,
            ["PromptGen:Providers:local:ApiKeyEnvironmentVariable"] = "LOCAL_KEY",
            ["PromptGen:Providers:local:RequiresApiKey"] = "true",
            ["PromptGen:Providers:local:Timeout"] = "45",
        }, environment: new Dictionary<string, string> { ["LOCAL_KEY"] = "from-env" });

        var route = host.Router.Resolve(null);

        Assert.Equal("local/small", route.Id.Canonical);
        Assert.Equal(url, route.Endpoint.BaseUrl!.ToString());
        Assert.Equal(TimeSpan.FromSeconds(45), route.Endpoint.Timeout);
        Assert.Equal("configuration PromptGen:Providers:local:BaseUrl", route.Endpoint.Sources["BaseUrl"]);
        Assert.Equal("environment variable LOCAL_KEY", route.Endpoint.Sources["ApiKey"]);
        await host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);
        Assert.Equal("Bearer from-env", Assert.Single(probe.Simulator.Requests).Headers["Authorization"]);
    }

    [Fact]
    public void Validation_settings_bind_from_configuration()
    {
        var options = new PromptGenOptions();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptGen:Validation:JudgeModel"] = "anthropic/claude-judge",
            ["PromptGen:Validation:MaxReasks"] = "0",
        }).Build();

        PromptGenConfiguration.Bind(configuration.GetSection("PromptGen"), options);

        Assert.Equal("anthropic/claude-judge", options.Validation.JudgeModel);
        Assert.Equal(0, options.Validation.MaxReasks);
        var unknown = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PromptGen:Validation:Judge"] = "x" }).Build();
        var error = Assert.Throws<PromptConfigurationException>(() => PromptGenConfiguration.Bind(unknown.GetSection("PromptGen"), new PromptGenOptions()));
        Assert.Contains("PromptGen:Validation:Judge", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxReasks, JudgeModel", error.Message, StringComparison.Ordinal);
        var negative = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PromptGen:Validation:MaxReasks"] = "-1" }).Build();
        Assert.Throws<PromptConfigurationException>(() => PromptGenConfiguration.Bind(negative.GetSection("PromptGen"), new PromptGenOptions()));
    }

    [Fact]
    public void Precedence_is_code_then_configuration_then_environment_then_default()
    {
        var environment = new Dictionary<string, string>
        {
            ["OPENAI_API_KEY"] = "env-key",
            ["OPENAI_BASE_URL"] = "http://env.test/v1",
            ["ANTHROPIC_API_KEY"] = "env-key",
            ["ANTHROPIC_BASE_URL"] = "http://env-anthropic.test",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptGen:Providers:openai:BaseUrl"] = "http://config.test/v1",
            ["PromptGen:Providers:anthropic:BaseUrl"] = "http://config-anthropic.test",
        }).Build();
        var services = new ServiceCollection();
        services.AddPromptGen(configuration, o =>
        {
            o.EnvironmentVariables = n => environment.GetValueOrDefault(n);
            o.Provider("anthropic").BaseUrl = "http://code-anthropic.test";
        }).AddOpenAI().AddAnthropic();
        using var provider = services.BuildServiceProvider();
        var router = provider.GetRequiredService<PromptRouter>();

        var openai = router.Resolve("openai/gpt-4o-mini").Endpoint;
        var anthropic = router.Resolve("anthropic/claude-haiku-4-5").Endpoint;
        var groq = Routing.EndpointResolutionTests.Create(new Dictionary<string, string> { ["GROQ_API_KEY"] = "g" }).Resolve("groq/m").Endpoint;
        var fromEnvironment = Routing.EndpointResolutionTests.Create(environment).Resolve("openai/gpt-4o-mini").Endpoint;

        Assert.Equal(("http://code-anthropic.test/", "code"), (anthropic.BaseUrl!.ToString(), anthropic.Sources["BaseUrl"]));
        Assert.Equal(("http://config.test/v1/", "configuration PromptGen:Providers:openai:BaseUrl"), (openai.BaseUrl!.ToString(), openai.Sources["BaseUrl"]));
        Assert.Equal(("http://env.test/v1/", "environment variable OPENAI_BASE_URL"), (fromEnvironment.BaseUrl!.ToString(), fromEnvironment.Sources["BaseUrl"]));
        Assert.Equal(("https://api.groq.com/openai/v1/", "default"), (groq.BaseUrl!.ToString(), groq.Sources["BaseUrl"]));
    }

    [Theory]
    [InlineData("PromptGen:Providers:openai:BaseURI", "http://x", "Unknown setting 'PromptGen:Providers:openai:BaseURI'")]
    [InlineData("PromptGen:DefaultModle", "x", "Unknown setting 'PromptGen:DefaultModle'")]
    [InlineData("PromptGen:Providers:openai:Timeout", "soon", "expected seconds")]
    [InlineData("PromptGen:Providers:openai:MaxOutputTokens", "many", "expected a whole number")]
    [InlineData("PromptGen:RecordMessageContent", "yes", "expected true or false")]
    [InlineData("PromptGen:Aliases:fast", "", "is empty")]
    [InlineData("PromptGen:Aliases:0", "openai/gpt-4o-mini", "'PromptGen:Aliases' must be an object mapping alias names to model ids")]
    [InlineData("PromptGen:Providers:0:Kind", "openai", "'PromptGen:Providers' must be an object")]
    [InlineData("PromptGen:Fallbacks", "openai/gpt-4o", "'PromptGen:Fallbacks' must be an object")]
    [InlineData("PromptGen:TotalTimeout", "0", "the overall deadline must be positive")]
    [InlineData("PromptGen:TotalTimeout", "-5", "the overall deadline must be positive")]
    [InlineData("PromptGen:Aliases:fast", "fast", "has a cycle: fast → fast")]
    public void Unknown_keys_and_bad_values_are_errors_naming_the_path(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = Assert.Throws<PromptConfigurationException>(() => PromptGenConfiguration.Bind(configuration.GetSection("PromptGen"), new PromptGenOptions()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fallbacks_bind_from_arrays_and_from_comma_lists()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptGen:Fallbacks:a/x:0"] = "b/y",
            ["PromptGen:Fallbacks:a/x:1"] = "c/z",
            ["PromptGen:Fallbacks:d/w"] = "e/v, f/u",
        }).Build();
        var options = new PromptGenOptions();

        PromptGenConfiguration.Bind(configuration.GetSection("PromptGen"), options);

        Assert.Equal(["b/y", "c/z"], options.Fallbacks["a/x"]);
        Assert.Equal(["e/v", "f/u"], options.Fallbacks["d/w"]);
    }

    [Fact]
    public void Resilience_settings_bind_and_are_validated_together()
    {
        var good = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptGen:Retry:MaxRetries"] = "5",
            ["PromptGen:Retry:BaseDelay"] = "0.5",
            ["PromptGen:Retry:UseJitter"] = "false",
            ["PromptGen:CircuitBreaker:FailureRatio"] = "0.25",
            ["PromptGen:CircuitBreaker:BreakDuration"] = "00:01:00",
            ["PromptGen:TotalTimeout"] = "90",
        }).Build();
        var options = new PromptGenOptions();

        PromptGenConfiguration.Bind(good.GetSection("PromptGen"), options);

        Assert.Equal(new RetryOptions { MaxRetries = 5, BaseDelay = TimeSpan.FromSeconds(0.5), UseJitter = false }, options.Retry);
        Assert.Equal(0.25, options.CircuitBreaker.FailureRatio);
        Assert.Equal(TimeSpan.FromMinutes(1), options.CircuitBreaker.BreakDuration);
        Assert.Equal(TimeSpan.FromSeconds(90), options.TotalTimeout);

        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptGen:Retry:MaxRetries"] = "-2",
            ["PromptGen:CircuitBreaker:MinimumThroughput"] = "1",
        }).Build();
        var error = Assert.Throws<PromptConfigurationException>(() => PromptGenConfiguration.Bind(bad.GetSection("PromptGen"), new PromptGenOptions()));
        Assert.Contains("MaxRetries is -2", error.Message, StringComparison.Ordinal);
        Assert.Contains("MinimumThroughput is 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_forming_a_cycle_fail_at_load_naming_the_cycle()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptGen:Aliases:a"] = "b",
            ["PromptGen:Aliases:b"] = "c",
            ["PromptGen:Aliases:c"] = "A",
            ["PromptGen:Aliases:ok"] = "openai/gpt-4o-mini",
        }).Build();

        var error = Assert.Throws<PromptConfigurationException>(() => PromptGenConfiguration.Bind(configuration.GetSection("PromptGen"), new PromptGenOptions()));

        Assert.Contains("a → b → c → A", error.Message, StringComparison.Ordinal);
    }
}
