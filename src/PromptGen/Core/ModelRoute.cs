using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>A resolved route: the model id, the endpoint it reaches and the <see cref="IChatClient"/> that calls it.</summary>
public sealed class ModelRoute
{
    internal ModelRoute(ModelId id, ResolvedEndpoint endpoint, IChatClient client, string? alias, IChatClient? pipeline = null)
    {
        Id = id;
        Endpoint = endpoint;
        Client = client;
        Alias = alias;
        Pipeline = pipeline ?? client;
    }

    /// <summary>Gets the parsed model id.</summary>
    public ModelId Id { get; }

    /// <summary>Gets the alias the route was requested by, if any.</summary>
    public string? Alias { get; }

    /// <summary>Gets the resolved endpoint.</summary>
    public ResolvedEndpoint Endpoint { get; }

    /// <summary>Gets the client that calls the model. Calling it directly bypasses fallbacks, tracing and error mapping.</summary>
    public IChatClient Client { get; }

    /// <summary>Gets what an attempt calls: <see cref="Client"/> behind the route's middleware (image fitting).</summary>
    internal IChatClient Pipeline { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Id.Canonical} → {Endpoint.Provider} ({Endpoint.Kind}) {Endpoint.DisplayUrl}";
}
