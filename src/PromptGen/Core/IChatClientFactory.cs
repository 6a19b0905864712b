using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>
/// Creates <see cref="IChatClient"/> instances for one wire protocol. Provider packages implement it and register it
/// with <see cref="PromptGenBuilder.AddClientFactory(IChatClientFactory)"/>; the router calls it once per distinct route.
/// </summary>
public interface IChatClientFactory
{
    /// <summary>Gets the protocol this factory serves (see <see cref="ProviderKinds"/>).</summary>
    string Kind { get; }

    /// <summary>Gets the package to add when this factory is missing, for error messages (for example <c>PromptGen.Providers.OpenAI</c>).</summary>
    string PackageName { get; }

    /// <summary>Creates a client for <paramref name="model"/> at <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The resolved endpoint.</param>
    /// <param name="model">The model name as the provider knows it.</param>
    /// <returns>The client. SDK-internal retries must be off.</returns>
    IChatClient CreateClient(ResolvedEndpoint endpoint, string model);
}
