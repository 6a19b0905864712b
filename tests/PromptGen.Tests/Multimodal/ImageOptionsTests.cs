namespace PromptGen.Tests.Multimodal;

public class ImageOptionsTests
{
    [Fact]
    public async Task Download_settings_bind_from_configuration_and_unknown_keys_are_errors()
    {
        await using var host = await TestHost.StartAsync(configuration: new Dictionary<string, string?>
        {
            ["PromptGen:Images:MaxDownloadBytes"] = "1000",
            ["PromptGen:Images:DownloadTimeout"] = "00:00:05",
        });
        Assert.Equal(1000, host.Router.Options.Images.MaxDownloadBytes);
        Assert.Equal(TimeSpan.FromSeconds(5), host.Router.Options.Images.DownloadTimeout);

        var error = await Assert.ThrowsAsync<PromptConfigurationException>(async () =>
        {
            await using var bad = await TestHost.StartAsync(configuration: new Dictionary<string, string?> { ["PromptGen:Images:MaxBytes"] = "1" });
        });
        Assert.Contains("PromptGen:Images:MaxBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_settings_are_listed_together()
    {
        var error = await Assert.ThrowsAsync<PromptConfigurationException>(async () =>
        {
            await using var host = await TestHost.StartAsync(o =>
            {
                o.Images.MaxDownloadBytes = 0;
                o.Images.DownloadTimeout = TimeSpan.Zero;
                o.Images.Limits["openai"] = ImageLimits.BuiltIn["openai"] with { Formats = [] };
            });
        });

        Assert.Contains("MaxDownloadBytes is 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("DownloadTimeout is 00:00:00", error.Message, StringComparison.Ordinal);
        Assert.Contains("PromptGen:Images:Limits:openai", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_built_in_provider_has_image_limits_and_unknown_ones_use_their_protocol()
    {
        foreach (var provider in ProviderDefaults.BuiltIn.Keys.Where(p => p is not ("vllm" or "lmstudio" or "runpod")))
        {
            Assert.True(ImageLimits.BuiltIn.ContainsKey(provider), $"no image limits for {provider}");
        }

        var custom = new ResolvedEndpoint { Provider = "my-proxy", Kind = ProviderKinds.Anthropic, Timeout = TimeSpan.FromSeconds(1), MaxOutputTokens = 1, StructuredOutput = StructuredOutputMode.Native, HttpClient = new HttpClient(), Sources = new Dictionary<string, string>() };
        Assert.Same(ImageLimits.BuiltIn["anthropic"], ProviderImageLimits.For(custom, new ImageOptions()));
    }
}
