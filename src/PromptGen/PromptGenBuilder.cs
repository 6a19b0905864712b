using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace PromptGen;

/// <summary>Configures PromptGen in a service collection: providers, user-supplied clients and options.</summary>
public sealed class PromptGenBuilder
{
    internal PromptGenBuilder(IServiceCollection services) => Services = services;

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    internal Dictionary<string, IChatClient> RegisteredClients { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal List<IChatClientFactory> Factories { get; } = [];

    internal HttpMessageHandler? Transport { get; set; }

    /// <summary>Registers a factory for a wire protocol (provider packages call this from their <c>AddX()</c> extension).</summary>
    /// <param name="factory">The factory.</param>
    /// <returns>This builder.</returns>
    public PromptGenBuilder AddClientFactory(IChatClientFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Factories.Add(factory);
        return this;
    }

    /// <summary>Routes a model id to a client you supply (any <see cref="IChatClient"/>), ahead of the provider factories.</summary>
    /// <param name="modelId">The model id, in <c>provider/model</c> form, for example <c>local/echo</c>.</param>
    /// <param name="client">The client.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="PromptConfigurationException"><paramref name="modelId"/> is malformed.</exception>
    public PromptGenBuilder AddChatClient(string modelId, IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        RegisteredClients[ModelId.Parse(modelId).Canonical] = client;
        return this;
    }

    /// <summary>Replaces the HTTP transport under every provider (for tests and benchmarks, for example an in-memory handler).</summary>
    /// <param name="handler">The innermost handler.</param>
    /// <returns>This builder.</returns>
    public PromptGenBuilder UseHttpTransport(HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Transport = handler;
        return this;
    }
}
