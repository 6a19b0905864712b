using Microsoft.Extensions.AI;
using PromptGen.Testing;

namespace PromptGen.Tests.Multimodal;

/// <summary>A <see cref="TestHost"/> with Ollama's OpenAI-compatible API on the simulator, and image files in a temporary folder.</summary>
internal sealed class ImageHost : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("promptgen-images-").FullName;

    private ImageHost(TestHost host) => Host = host;

    public TestHost Host { get; }

    public LlmSimulator Simulator => Host.Simulator;

    public PromptRouter Router => Host.Router;

    public static async Task<ImageHost> StartAsync(bool imageSharp = false, Action<PromptGenOptions>? configure = null, TimeProvider? time = null)
    {
        var host = await TestHost.StartAsync(configure, time: time, promptGen: imageSharp ? b => b.AddImageSharp() : null);

        // Routes resolve on first use, so pointing Ollama at the simulator now (once its port is known) still applies.
        host.Router.Options.Provider("ollama").BaseUrl = host.Simulator.OpenAIBaseUrl.ToString();
        return new ImageHost(host);
    }

    public string File(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public string MissingFile(string name) => Path.Combine(_folder, name);

    /// <summary>A user message: text, the image, text — the order a generated caller builds from a template.</summary>
    public static ChatMessage[] Ask(params AIContent[] images) =>
        [new ChatMessage(ChatRole.User, [new TextContent("Describe"), .. images, new TextContent("briefly.")])];

    public Task<PromptResult<ChatResponse>> SendAsync(string model, params AIContent[] images) =>
        Router.GetResponseAsync(Ask(images), new PromptCallOptions { Model = model });

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
