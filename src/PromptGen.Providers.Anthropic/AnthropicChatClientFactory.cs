using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>Creates Anthropic SDK chat clients with the SDK's retries off and the required max_tokens filled in.</summary>
internal sealed class AnthropicChatClientFactory : IChatClientFactory
{
    public string Kind => ProviderKinds.Anthropic;

    public string PackageName => "PromptGen.Providers.Anthropic";

    public IChatClient CreateClient(ResolvedEndpoint endpoint, string model)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var options = new ClientOptions
        {
            BaseUrl = endpoint.BaseUrl!.ToString().TrimEnd('/'),
            ApiKey = endpoint.ApiKey?.Reveal(),
            MaxRetries = 0,
            Timeout = Timeout.InfiniteTimeSpan,
            HttpClient = endpoint.HttpClient,
        };
        var client = new AnthropicClient(options).AsIChatClient(model, endpoint.MaxOutputTokens);
        return new ChatClientBuilder(client).UseStructuredOutput(endpoint.StructuredOutput).Build();
    }
}
