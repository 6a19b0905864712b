using Microsoft.Extensions.AI;

namespace PromptGen.Providers.ClaudeCode.Tests;

/// <summary>Prompt images on <c>max/*</c>: through the real CLI as stream-json image blocks, URLs downloaded first.</summary>
public class ImageTests
{
    // A 1×1 PNG.
    private static readonly byte[] s_png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task File_and_url_images_reach_the_api_as_base64_image_blocks_in_order()
    {
        await using var host = await ClaudeHost.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"promptgen-max-{Guid.NewGuid():N}.bin"); // no image extension: content decides
        await File.WriteAllBytesAsync(path, s_png);
        var url = host.Simulator.ServeFile("/files/pixel", "image/png", s_png);
        try
        {
            await host.Router.GetResponseAsync(
                [new ChatMessage(ChatRole.User, [
                    new TextContent("Compare"), PromptImage.FromFile(path).ToContent("before"),
                    new TextContent("with"), PromptImage.FromUrl(url).ToContent("after")])],
                new PromptCallOptions { Model = "max/opus" });
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Single(host.Simulator.Requests, r => r.Method == "GET" && r.Path == "/files/pixel");
        var request = Assert.Single(host.Posts);
        Assert.Equal(2, request.Images.Count);
        Assert.All(request.Images, image =>
        {
            Assert.Equal("image", image.Shape);
            Assert.Equal("image/png", image.MediaType);
            Assert.Equal(s_png, image.Data);
        });
        Assert.True(request.Images[0].PartIndex < request.Images[1].PartIndex);
    }
}
