using PromptGen.Testing;

namespace PromptGen.Cli.Tests;

/// <summary><c>promptgen ask --image</c>: files and URLs reach the model as image parts, in order; bad ones fail with exit code 2.</summary>
public sealed class AskImageTests : IAsyncLifetime, IDisposable
{
    // A 1×1 PNG.
    private static readonly byte[] s_png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private readonly CliRunner _cli = new();
    private LlmSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await LlmSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Images_from_files_and_urls_are_sent_in_order()
    {
        var config = _cli.WriteConfig(_simulator);
        File.WriteAllBytes(Path.Combine(_cli.Directory, "pixel.png"), s_png);
        var url = _simulator.ServeFile("/files/cat.png", "image/png", s_png);

        var result = await _cli.RunAsync(["ask", "--config", config, "--image", "pixel.png", "--image", url.ToString(), "What", "is", "this?"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(_simulator.Requests, r => r.Method == "POST");
        Assert.Equal(2, request.Images.Count);
        Assert.Equal(s_png, request.Images[0].Data);
        Assert.Equal("image/png", request.Images[0].MediaType);
        Assert.Equal(url, request.Images[1].Url);
        Assert.Equal("What is this?", request.LastUserText);
    }

    [Fact]
    public async Task A_missing_image_file_is_a_clear_error()
    {
        var config = _cli.WriteConfig(_simulator);

        var result = await _cli.RunAsync(["ask", "--config", config, "--image", "nope.png", "Describe it"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("parameter '--image'", result.Error, StringComparison.Ordinal);
        Assert.Contains("nope.png", result.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task Offline_on_the_built_in_simulator_an_image_is_accepted()
    {
        File.WriteAllBytes(Path.Combine(_cli.Directory, "pixel.png"), s_png);

        var result = await _cli.RunAsync(["ask", "--simulator", "-i", "pixel.png", "Describe it"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Describe it", result.Out, StringComparison.Ordinal);
    }
}
