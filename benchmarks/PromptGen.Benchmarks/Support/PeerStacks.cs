using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using OpenAI;

namespace PromptGen.Benchmarks;

/// <summary>
/// Builds each peer's client stack the way its documentation shows, over a given transport and with the SDK's retries
/// off, so every benchmark class (warm or cold) measures the same stacks.
/// </summary>
internal static class PeerStacks
{
    public const string Model = "gpt-4o-mini";
    public const string ApiKey = "sk-bench";

    /// <summary>The official OpenAI SDK client: <c>RetryPolicy = new ClientRetryPolicy(0)</c>, transport over <paramref name="http"/>.</summary>
    public static OpenAI.Chat.ChatClient OpenAIChatClient(HttpClient http, Uri openAIBaseUrl) =>
        new(Model, new ApiKeyCredential(ApiKey), new OpenAIClientOptions
        {
            Endpoint = openAIBaseUrl,
            RetryPolicy = new ClientRetryPolicy(0),
            Transport = new HttpClientPipelineTransport(http),
        });

    /// <summary>The MEAI <see cref="IChatClient"/> over the SDK client above (<c>Microsoft.Extensions.AI.OpenAI</c>).</summary>
    public static IChatClient ChatClient(HttpClient http, Uri openAIBaseUrl) => OpenAIChatClient(http, openAIBaseUrl).AsIChatClient();

    /// <summary>
    /// A <see cref="Kernel"/> with the OpenAI chat-completion connector over <paramref name="http"/>. Given an
    /// <see cref="HttpClient"/>, the connector itself sets <c>RetryPolicy = new ClientRetryPolicy(0)</c> and an infinite
    /// <c>NetworkTimeout</c> (SK's <c>ClientCore.GetOpenAIClientOptions</c>: retries are left to the HttpClient's
    /// handlers), so there is nothing to turn off; <see cref="RetryCheck"/> verifies it.
    /// </summary>
    public static Kernel Kernel(HttpClient http, Uri openAIBaseUrl) =>
        Microsoft.SemanticKernel.Kernel.CreateBuilder()
            .AddOpenAIChatCompletion(Model, openAIBaseUrl, ApiKey, httpClient: http)
            .Build();

    /// <summary>
    /// PromptGen in a service collection: options in code (the process environment hidden), the OpenAI provider over
    /// <paramref name="handler"/>, and the generated <see cref="IGeography"/> client.
    /// </summary>
    public static ServiceProvider PromptGen(HttpMessageHandler handler, Uri openAIBaseUrl)
    {
        var services = new ServiceCollection();
        services.AddPromptGen(configure: o =>
        {
            o.EnvironmentVariables = _ => null;
            o.Provider("openai").ApiKey = ApiKey;
            o.Provider("openai").BaseUrl = openAIBaseUrl.ToString().TrimEnd('/');
        }).AddOpenAI().UseHttpTransport(handler);
        services.AddPromptClient<IGeography>();
        return services.BuildServiceProvider();
    }
}
