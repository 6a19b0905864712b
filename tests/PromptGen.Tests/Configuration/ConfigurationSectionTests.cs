using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Tests.Configuration;

/// <summary>AddPromptGen takes the configuration root or the PromptGen section itself; anything else says what to pass.</summary>
public class ConfigurationSectionTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["PromptGen:DefaultModel"] = "anthropic/claude-haiku-4-5",
        ["PromptGen:Aliases:fast"] = "openai/gpt-4o-mini",
        ["Logging:LogLevel:Default"] = "Information",
    };

    [Fact]
    public void The_root_and_the_PromptGen_section_bind_the_same_settings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();

        foreach (var given in new IConfiguration[] { configuration, configuration.GetSection("PromptGen"), configuration.GetSection("promptgen") })
        {
            var options = Options(given);
            Assert.Equal("anthropic/claude-haiku-4-5", options.DefaultModel);
            Assert.Equal("openai/gpt-4o-mini", options.Aliases["fast"]);
        }
    }

    [Fact]
    public void A_parent_section_holding_PromptGen_binds_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["App:PromptGen:DefaultModel"] = "openai/gpt-4o",
        }).Build();

        Assert.Equal("openai/gpt-4o", Options(configuration.GetSection("App")).DefaultModel);
    }

    [Fact]
    public void Another_section_is_an_error_saying_what_to_pass()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();

        var error = Assert.Throws<PromptConfigurationException>(() => new ServiceCollection().AddPromptGen(configuration.GetSection("Logging")));

        Assert.Contains("given the configuration section 'Logging', which is not the 'PromptGen' section", error.Message, StringComparison.Ordinal);
        Assert.Contains("services.AddPromptGen(configuration)", error.Message, StringComparison.Ordinal);
        Assert.Contains("services.AddPromptGen(configuration.GetSection(\"PromptGen\"))", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_PromptGen_section_binds_nothing_and_is_no_error()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" }).Build();

        var defaults = new PromptGenOptions().DefaultModel;
        Assert.Equal(defaults, Options(configuration.GetSection("PromptGen")).DefaultModel);
        Assert.Equal(defaults, Options(configuration).DefaultModel);
    }

    private static PromptGenOptions Options(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddPromptGen(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<PromptGenOptions>();
    }
}
