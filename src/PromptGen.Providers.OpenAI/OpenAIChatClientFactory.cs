using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace PromptGen;

/// <summary>Creates OpenAI SDK chat clients for any OpenAI-compatible endpoint, with the SDK's retries off.</summary>
internal sealed class OpenAIChatClientFactory : IChatClientFactory
{
    // Local servers (Ollama, vLLM, LM Studio) ignore the key, but the SDK requires one.
    private const string PlaceholderKey = "no-key";

    public string Kind => ProviderKinds.OpenAI;

    public string PackageName => "PromptGen.Providers.OpenAI";

    public IChatClient CreateClient(ResolvedEndpoint endpoint, string model)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint.BaseUrl,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
            Transport = new HttpClientPipelineTransport(endpoint.HttpClient),
        };
        var credential = new ApiKeyCredential(endpoint.ApiKey?.Reveal() ?? PlaceholderKey);
        var client = new OpenAI.Chat.ChatClient(model, credential, options).AsIChatClient();
        return new ChatClientBuilder(client).UseStructuredOutput(endpoint.StructuredOutput).Build();
    }
}
