using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.AI;
using PromptGen.Testing;

namespace PromptGen.Tests.Multimodal;

/// <summary>Every bad image input is a <see cref="PromptImageException"/> naming the parameter and the source; nothing is dropped.</summary>
public class BadInputTests
{
    private static async Task<PromptImageException> FailsAsync(ImageHost host, string model, params AIContent[] images)
    {
        var error = await Assert.ThrowsAsync<PromptImageException>(() => host.SendAsync(model, images));
        Assert.Equal(PromptErrorKind.InvalidInput, error.Kind);
        Assert.False(error.IsTransient);
        return error;
    }

    [Fact]
    public async Task A_missing_file_fails_before_anything_is_sent()
    {
        await using var host = await ImageHost.StartAsync();
        var path = host.MissingFile("nope.png");

        var error = await FailsAsync(host, "openai/gpt-4o-mini", PromptImage.FromFile(path).ToContent("receipt"));

        Assert.Equal("receipt", error.Parameter);
        Assert.Contains("parameter 'receipt'", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Simulator.Requests);
    }

    [Fact]
    public async Task An_unreadable_path_is_a_clear_error()
    {
        await using var host = await ImageHost.StartAsync();
        var folder = Path.GetDirectoryName(host.File("x.png", [1]))!;

        var error = await FailsAsync(host, "openai/gpt-4o-mini", PromptImage.FromFile(folder).ToContent("scan"));

        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
        Assert.Contains(folder, error.ImageSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zero_byte_file_is_a_clear_error()
    {
        await using var host = await ImageHost.StartAsync();
        var path = host.File("empty.png", []);

        var error = await FailsAsync(host, "openai/gpt-4o-mini", PromptImage.FromFile(path).ToContent("logo"));

        Assert.Contains("is empty (0 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("'logo'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%PDF-1.7 fake", "a PDF document")]
    [InlineData("<html><body>not an image</body></html>", "text (HTML or JSON?)")]
    public async Task An_unsupported_format_names_what_was_found(string content, string found)
    {
        await using var host = await ImageHost.StartAsync();
        var path = host.File("photo.png", System.Text.Encoding.ASCII.GetBytes(content));

        var error = await FailsAsync(host, "anthropic/claude-haiku-4-5", PromptImage.FromFile(path).ToContent("photo"));

        Assert.Contains("not a supported image format", error.Message, StringComparison.Ordinal);
        Assert.Contains(found, error.Message, StringComparison.Ordinal);
        Assert.Contains("PNG, JPEG, GIF, WebP, BMP and TIFF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_image_is_a_clear_error_with_the_optimizer()
    {
        await using var host = await ImageHost.StartAsync(imageSharp: true);
        var jpeg = TestImages.Make(ImageFormat.Jpeg, 3000, 3000);
        var truncated = jpeg[..200];

        var error = await FailsAsync(host, "openai/gpt-4o-mini", PromptImage.FromBytes(truncated).ToContent("photo"));

        Assert.Equal("photo", error.Parameter);
        Assert.Contains("cannot be decoded", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Simulator.Requests);
    }

    [Fact]
    public async Task A_corrupt_header_is_caught_without_the_optimizer()
    {
        await using var host = await ImageHost.StartAsync();
        var png = TestImages.Make(ImageFormat.Png);
        png.AsSpan(16, 8).Clear(); // width and height 0

        var error = await FailsAsync(host, "openai/gpt-4o-mini", PromptImage.FromBytes(png).ToContent("icon"));

        Assert.Contains("corrupt Png", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_images_names_the_limit_and_sends_nothing()
    {
        await using var host = await ImageHost.StartAsync(configure: o => o.Images.Limits["openai"] = ProviderImageLimits.OpenAI with { MaxImages = 2 });
        var png = TestImages.Make(ImageFormat.Png);

        var error = await FailsAsync(host, "openai/gpt-4o-mini", PromptImage.FromBytes(png).ToContent("pages[0]"), PromptImage.FromBytes(png).ToContent("pages[1]"), PromptImage.FromBytes(png).ToContent("pages[2]"));

        Assert.Contains("3 images", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 2", error.Message, StringComparison.Ordinal);
        Assert.Equal("pages[0]", error.Parameter);
        Assert.Equal("openai/gpt-4o-mini", error.ModelId);
        Assert.Empty(host.Simulator.Requests);
    }

    [Fact]
    public async Task Over_the_limits_without_an_optimizer_says_how_to_fix_it()
    {
        await using var host = await ImageHost.StartAsync();
        var big = TestImages.Make(ImageFormat.Png, 2000, 1000);

        var error = await FailsAsync(host, "anthropic/claude-haiku-4-5", PromptImage.FromBytes(big).ToContent("diagram"));

        Assert.Contains("2000×1000 pixels", error.Message, StringComparison.Ordinal);
        Assert.Contains("1568×1568", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddImageSharp()", error.Message, StringComparison.Ordinal);
        Assert.Equal("anthropic/claude-haiku-4-5", error.ModelId);
        Assert.Empty(host.Simulator.Requests);
    }

    [Fact]
    public async Task A_model_specific_limit_falls_back_to_a_model_that_takes_the_image()
    {
        await using var host = await ImageHost.StartAsync();
        var big = TestImages.Make(ImageFormat.Png, 2000, 1000);

        var result = await host.Router.GetResponseAsync(
            ImageHost.Ask(PromptImage.FromBytes(big).ToContent("diagram")),
            new PromptCallOptions { Model = "anthropic/claude-haiku-4-5", Fallbacks = ["openai/gpt-4o-mini"] });

        Assert.Equal("openai/gpt-4o-mini", result.ModelId);
        var failed = Assert.Single(result.Trace.Attempts, a => a.Outcome == AttemptOutcome.Failed);
        Assert.Equal(PromptErrorKind.InvalidInput, failed.ErrorKind);
        Assert.Equal(big, Assert.Single(Assert.Single(host.Simulator.Requests).Images).Data);
    }

    [Theory]
    [InlineData("text/html", "is not an image")]
    [InlineData(null, "HTTP 404")]
    public async Task A_url_that_is_not_an_image_is_a_clear_error(string? contentType, string expected)
    {
        await using var host = await ImageHost.StartAsync();
        var url = contentType is null
            ? new Uri(host.Simulator.BaseUrl, "/files/missing.png")
            : host.Simulator.ServeFile("/files/page.png", contentType, "<html></html>"u8.ToArray());

        var error = await FailsAsync(host, "ollama/llava", PromptImage.FromUrl(url).ToContent("picture"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("parameter 'picture'", error.Message, StringComparison.Ordinal);
        Assert.Contains(url.AbsolutePath, error.ImageSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_url_is_a_clear_error()
    {
        await using var host = await ImageHost.StartAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens on the port any more

        var error = await FailsAsync(host, "ollama/llava", PromptImage.FromUrl($"http://127.0.0.1:{port}/cat.png?sig=SECRET").ToContent("cat"));

        Assert.Contains("is unreachable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_download_that_hangs_times_out_on_the_time_provider()
    {
        var clock = new FakeClock();
        await using var host = await ImageHost.StartAsync(time: clock);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(); // accepts the connection, never answers
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/slow.png");

        var timer = clock.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(30));
        var call = host.SendAsync("ollama/llava", PromptImage.FromUrl(url).ToContent("slow"));
        await clock.AdvanceWhenWaitingAsync(timer);

        var error = await Assert.ThrowsAsync<PromptImageException>(() => call);
        Assert.Contains("did not download within 30 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_download_over_the_size_cap_is_refused()
    {
        await using var host = await ImageHost.StartAsync(configure: o => o.Images.MaxDownloadBytes = 1000);
        var url = host.Simulator.ServeFile("/files/big.png", "image/png", TestImages.Make(ImageFormat.Bmp, 100, 100));

        var error = await FailsAsync(host, "ollama/llava", PromptImage.FromUrl(url).ToContent("big"));

        Assert.Contains("larger than 1,000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_image_parameter_is_a_clear_error()
    {
        var error = Assert.Throws<PromptImageException>(() => PromptGen.Generated.PromptContent.Image(null, "avatar"));

        Assert.Contains("'avatar' is null", error.Message, StringComparison.Ordinal);
    }
}
