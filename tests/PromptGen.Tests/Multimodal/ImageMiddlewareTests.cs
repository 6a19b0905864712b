using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace PromptGen.Tests.Multimodal;

/// <summary>
/// The image middleware on an <see cref="IChatClient"/> of the user's own (the official OpenAI SDK's, through MEAI),
/// outside any router: the same fitting every route runs behind, read back from the simulator.
/// </summary>
public class ImageMiddlewareTests
{
    [Fact]
    public async Task UseImageFitting_sends_a_file_as_the_providers_image_part_in_template_order()
    {
        await using var host = await ImageHost.StartAsync();
        var png = TestImages.Make(ImageFormat.Png);
        var path = host.File("chart.jpg", png); // the extension lies; the content decides
        using var client = Client(host).UseImageFitting("openai").Build();

        var response = await client.GetResponseAsync(ImageHost.Ask(PromptImage.FromFile(path).ToContent("chart")));

        Assert.NotEmpty(response.Text);
        var request = Assert.Single(host.Simulator.Requests);
        var image = Assert.Single(request.Images);
        Assert.Equal("image_url", image.Shape);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(png, image.Data);
        Assert.Equal(1, image.PartIndex);
    }

    [Fact]
    public async Task UseImageFitting_fits_a_streamed_request_too()
    {
        await using var host = await ImageHost.StartAsync();
        var png = TestImages.Make(ImageFormat.Png);
        using var client = Client(host).UseImageFitting("openai").Build();

        var text = new System.Text.StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(ImageHost.Ask(PromptImage.FromBytes(png).ToContent("scan"))))
        {
            text.Append(update.Text);
        }

        Assert.NotEmpty(text.ToString());
        var image = Assert.Single(Assert.Single(host.Simulator.Requests).Images);
        Assert.Equal("image_url", image.Shape);
        Assert.Equal(png, image.Data);
    }

    [Fact]
    public async Task UseImageFitting_refuses_more_images_than_the_provider_takes_before_sending_anything()
    {
        await using var host = await ImageHost.StartAsync();
        var png = TestImages.Make(ImageFormat.Png);
        using var client = Client(host).UseImageFitting("groq").Build();
        var images = Enumerable.Range(0, 6).Select(i => PromptImage.FromBytes(png).ToContent($"page{i}")).ToArray();

        var error = await Assert.ThrowsAsync<PromptImageException>(() => client.GetResponseAsync(ImageHost.Ask(images)));

        Assert.Contains("6 images", error.Message, StringComparison.Ordinal);
        Assert.Contains("'groq' takes at most 5", error.Message, StringComparison.Ordinal);
        Assert.Equal("page0", error.Parameter);
        Assert.Empty(host.Simulator.Requests);
    }

    [Fact]
    public async Task A_missing_file_is_a_located_error_and_no_request()
    {
        await using var host = await ImageHost.StartAsync();
        using var client = Client(host).UseImageFitting("openai").Build();

        var error = await Assert.ThrowsAsync<PromptImageException>(() => client.GetResponseAsync(ImageHost.Ask(PromptImage.FromFile(host.MissingFile("gone.png")).ToContent("receipt"))));

        Assert.Equal("receipt", error.Parameter);
        Assert.Contains("gone.png", error.ImageSource, StringComparison.Ordinal);
        Assert.Empty(host.Simulator.Requests);
    }

    private static ChatClientBuilder Client(ImageHost host) =>
        new OpenAI.Chat.ChatClient("gpt-4o-mini", new ApiKeyCredential(TestHost.OpenAIKey), new OpenAIClientOptions { Endpoint = host.Simulator.OpenAIBaseUrl })
            .AsIChatClient()
            .AsBuilder();
}
