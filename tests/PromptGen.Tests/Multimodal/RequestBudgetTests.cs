namespace PromptGen.Tests.Multimodal;

/// <summary>A provider's total of image bytes per request (OpenAI 50 MB, Anthropic 32 MB, Gemini 20 MB of payload).</summary>
public class RequestBudgetTests
{
    private static readonly Lazy<byte[]> s_photo = new(() =>
    {
        using var photo = TestImages.Photo(900, 600);
        return TestImages.Encode(photo, ImageFormat.Jpeg, 95);
    });

    [Fact]
    public async Task Images_over_the_request_total_are_fitted_to_a_share_and_small_ones_pass_through()
    {
        var photo = s_photo.Value;
        var icon = TestImages.Make(ImageFormat.Png);
        var budget = photo.Length + icon.Length; // room for one photo as it is: the two must share it
        await using var host = await ImageHost.StartAsync(imageSharp: true, configure: o => o.Images.Limits["openai"] = ImageLimits.BuiltIn["openai"] with { MaxRequestBytes = budget });

        await host.SendAsync("openai/gpt-4o-mini", PromptImage.FromBytes(icon).ToContent("icon"), PromptImage.FromBytes(photo).ToContent("photos[0]"), PromptImage.FromBytes(photo).ToContent("photos[1]"));

        var images = Assert.Single(host.Simulator.Requests).Images;
        Assert.Equal(3, images.Count);
        Assert.Equal(icon, images[0].Data);
        Assert.All(images.Skip(1), image => Assert.InRange(image.Data!.Length, 1, photo.Length / 2));
        Assert.True(images.Sum(i => i.Data!.Length) <= budget, $"{images.Sum(i => i.Data!.Length)} bytes sent, budget {budget}");
        using var fitted = TestImages.Decode(images[1].Data!);
        Assert.Equal(900 * fitted.Height, 600 * fitted.Width); // aspect ratio kept
    }

    [Fact]
    public async Task Over_the_request_total_without_an_optimizer_names_the_image_and_sends_nothing()
    {
        var photo = s_photo.Value;
        await using var host = await ImageHost.StartAsync(configure: o => o.Images.Limits["openai"] = ImageLimits.BuiltIn["openai"] with { MaxRequestBytes = photo.Length });

        var error = await Assert.ThrowsAsync<PromptImageException>(() =>
            host.SendAsync("openai/gpt-4o-mini", PromptImage.FromBytes(photo).ToContent("photos[0]"), PromptImage.FromBytes(photo).ToContent("photos[1]")));

        Assert.Contains($"The call's 2 images total {2L * photo.Length:N0} bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains($"takes at most {photo.Length:N0} bytes of images per request", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddImageSharp()", error.Message, StringComparison.Ordinal);
        Assert.Equal("photos[0]", error.Parameter);
        Assert.Empty(host.Simulator.Requests);
    }

    [Fact]
    public async Task Limits_bind_from_configuration_over_the_built_in_entry()
    {
        await using var host = await TestHost.StartAsync(configuration: new Dictionary<string, string?>
        {
            ["PromptGen:Images:Limits:ollama:MaxWidth"] = "1120",
            ["PromptGen:Images:Limits:ollama:Formats"] = "png, jpg, webp",
            ["PromptGen:Images:Limits:my-vllm:MaxRequestBytes"] = "1048576",
            ["PromptGen:Images:Limits:my-vllm:AcceptsUrls"] = "true",
        });

        var ollama = host.Router.Options.Images.Limits["ollama"];
        var custom = host.Router.Options.Images.Limits["my-vllm"];
        Assert.Equal(ImageLimits.BuiltIn["ollama"] with { MaxWidth = 1120, Formats = ollama.Formats }, ollama);
        Assert.Equal([ImageFormat.Png, ImageFormat.Jpeg, ImageFormat.WebP], ollama.Formats);
        Assert.Equal(1_048_576, custom.MaxRequestBytes);
        Assert.True(custom.AcceptsUrls);
        Assert.Equal(ProviderImageLimits.OpenAICompatible.MaxBytes, custom.MaxBytes);
    }

    [Theory]
    [InlineData("PromptGen:Images:Limits:openai:MaxPixels", "1", "Unknown setting 'PromptGen:Images:Limits:openai:MaxPixels'")]
    [InlineData("PromptGen:Images:Limits:openai:Formats", "png,heic", "names the image format 'heic'")]
    [InlineData("PromptGen:Images:Limits:openai:MaxRequestBytes", "0", "MaxRequestBytes is 0")]
    [InlineData("PromptGen:Images:Limits:openai:MaxBytes", "lots", "expected a whole number of bytes")]
    public async Task Bad_limits_in_configuration_are_errors_naming_the_setting(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<PromptConfigurationException>(async () =>
        {
            await using var host = await TestHost.StartAsync(configuration: new Dictionary<string, string?> { [key] = value });
        });

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
