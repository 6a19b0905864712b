using Microsoft.Extensions.AI;
using PromptGen.Testing;

namespace PromptGen.Tests.Multimodal;

/// <summary>What each provider's API receives for image inputs, read back from the simulator.</summary>
public class WireFormatTests
{
    [Fact]
    public async Task OpenAI_gets_an_image_url_part_with_a_data_uri_in_template_order()
    {
        await using var host = await ImageHost.StartAsync();
        var png = TestImages.Make(ImageFormat.Png);
        var path = host.File("chart.jpg", png); // the extension lies; the content decides

        await host.SendAsync("openai/gpt-4o-mini", PromptImage.FromFile(path).ToContent("chart"));

        var request = Assert.Single(host.Simulator.Requests);
        var image = Assert.Single(request.Images);
        Assert.Equal("image_url", image.Shape);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(png, image.Data);
        Assert.Equal(1, image.PartIndex);
        Assert.Equal("user", image.Role);
        Assert.Equal("briefly.", request.LastUserText);
    }

    [Fact]
    public async Task Anthropic_gets_a_base64_source_block()
    {
        await using var host = await ImageHost.StartAsync();
        var jpeg = TestImages.Make(ImageFormat.Jpeg);

        await host.SendAsync("anthropic/claude-haiku-4-5", PromptImage.FromBytes(jpeg).ToContent("photo"));

        var image = Assert.Single(Assert.Single(host.Simulator.Requests).Images);
        Assert.Equal("image", image.Shape);
        Assert.Equal("image/jpeg", image.MediaType);
        Assert.Equal(jpeg, image.Data);
        Assert.Equal(1, image.PartIndex);
        Assert.Contains("\"type\":\"base64\"", Assert.Single(host.Simulator.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ollama_goes_through_the_openai_compatible_api_with_data_uris_and_webp_converted()
    {
        await using var host = await ImageHost.StartAsync(imageSharp: true);
        var webp = TestImages.Make(ImageFormat.WebP);

        await host.SendAsync("ollama/llava", PromptImage.FromDataUri("data:image/webp;base64," + Convert.ToBase64String(webp)).ToContent("scan"));

        var request = Assert.Single(host.Simulator.Requests);
        Assert.Equal(SimulatorProtocol.OpenAI, request.Protocol);
        var image = Assert.Single(request.Images);
        Assert.Equal("image_url", image.Shape);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(ImageFormat.Png, ImageFormats.Detect(image.Data));
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini", "image_url")]
    [InlineData("anthropic/claude-haiku-4-5", "image")]
    public async Task Urls_are_passed_through_where_the_provider_fetches_them(string model, string shape)
    {
        await using var host = await ImageHost.StartAsync();
        var url = host.Simulator.ServeFile("/files/cat.png", "image/png", TestImages.Make(ImageFormat.Png));

        await host.SendAsync(model, PromptImage.FromUrl(url).ToContent("cat"));

        var request = Assert.Single(host.Simulator.Requests);
        var image = Assert.Single(request.Images);
        Assert.Equal(shape, image.Shape);
        Assert.Equal(url, image.Url);
        Assert.Null(image.Data);
    }

    [Fact]
    public async Task Urls_are_downloaded_for_providers_that_cannot_fetch_them()
    {
        await using var host = await ImageHost.StartAsync();
        var png = TestImages.Make(ImageFormat.Png);
        var url = host.Simulator.ServeFile("/files/cat.png", "image/png", png);

        await host.SendAsync("ollama/llava", PromptImage.FromUrl(url).ToContent("cat"));

        Assert.Single(host.Simulator.Requests, r => r.Method == "GET" && r.Path == "/files/cat.png");
        var image = Assert.Single(Assert.Single(host.Simulator.Requests, r => r.Method == "POST").Images);
        Assert.Equal(png, image.Data);
        Assert.Equal("image/png", image.MediaType);
    }

    [Fact]
    public async Task Streaming_calls_fit_and_format_images_too()
    {
        await using var host = await ImageHost.StartAsync(imageSharp: true);
        using var photo = TestImages.Photo(3000, 2000);
        var bytes = TestImages.Encode(photo, ImageFormat.Jpeg);

        await foreach (var update in host.Router.GetStreamingResponseAsync(ImageHost.Ask(PromptImage.FromBytes(bytes).ToContent("photo")), new PromptCallOptions { Model = "anthropic/claude-haiku-4-5" }))
        {
            Assert.NotNull(update);
        }

        var image = Assert.Single(Assert.Single(host.Simulator.Requests).Images);
        using var sent = TestImages.Decode(image.Data!);
        Assert.Equal((1568, 1045), (sent.Width, sent.Height));
        Assert.True(image.Data!.Length <= ProviderImageLimits.Anthropic.MaxBytes);
    }

    [Fact]
    public async Task Each_fallback_hop_gets_the_image_fitted_to_its_own_provider()
    {
        // Anthropic (1568 px) fails without an answer; OpenAI (2048 px) then gets its own, larger fit.
        await using var host = await ImageHost.StartAsync(imageSharp: true);
        host.Simulator.Script.When(model: "claude-*").Fault(SimulatorFault.BadRequest);
        using var photo = TestImages.Photo(2400, 1200);
        var content = PromptImage.FromBytes(TestImages.Encode(photo, ImageFormat.Jpeg)).ToContent("photo");

        var result = await host.Router.GetResponseAsync(ImageHost.Ask(content), new PromptCallOptions { Model = "anthropic/claude-haiku-4-5", Fallbacks = ["openai/gpt-4o-mini"] });

        Assert.Equal("openai/gpt-4o-mini", result.ModelId);
        var widths = host.Simulator.Requests.Select(r => TestImages.Decode(Assert.Single(r.Images).Data!).Width).ToArray();
        Assert.Equal([1568, 2048], widths);
    }

    [Fact]
    public async Task Plain_text_calls_are_untouched()
    {
        await using var host = await ImageHost.StartAsync();
        ChatMessage[] messages = [new ChatMessage(ChatRole.User, "hello")];

        await host.Router.GetResponseAsync(messages, new PromptCallOptions { Model = "openai/gpt-4o-mini" });

        Assert.Empty(Assert.Single(host.Simulator.Requests).Images);
        Assert.False(ImageResolver.HasImages(messages));
    }
}
