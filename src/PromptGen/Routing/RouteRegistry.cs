using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace PromptGen;

/// <summary>
/// Route resolution: model ids and aliases to <see cref="ModelRoute"/>s (endpoint, provider client) and fallback chains,
/// resolved once and cached. Resolution errors are raised here, before any network call.
/// </summary>
internal sealed class RouteRegistry
{
    private const int MaxAliasDepth = 16;

    private readonly PromptGenOptions _options;
    private readonly Dictionary<string, IChatClientFactory> _factories;
    private readonly Dictionary<string, IChatClient> _registered;
    private readonly EndpointResolver _endpoints;
    private readonly HttpClient _http;
    private readonly SecretRedactor _redactor;
    private readonly ImageResolver _images;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ModelRoute> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ModelRoute[]> _chains = new(StringComparer.Ordinal);

    public RouteRegistry(PromptGenOptions options, IEnumerable<IChatClientFactory> factories, IReadOnlyDictionary<string, IChatClient> registered, HttpClient http, SecretRedactor redactor, ImageResolver images, ILogger logger)
    {
        _options = options;
        _factories = factories.GroupBy(f => f.Kind, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
        _registered = new Dictionary<string, IChatClient>(registered, StringComparer.OrdinalIgnoreCase);
        _http = http;
        _redactor = redactor;
        _images = images;
        _logger = logger;
        _endpoints = new EndpointResolver(options, http);
    }

    /// <summary>Gets the routes resolved so far.</summary>
    public ICollection<ModelRoute> Resolved => _routes.Values;

    public ModelRoute Resolve(string? modelIdOrAlias)
    {
        var key = modelIdOrAlias ?? _options.DefaultModel;
        return _routes.TryGetValue(key, out var route) ? route : _routes.GetOrAdd(key, Create(key));
    }

    public IReadOnlyList<ModelRoute> ResolveChain(string? modelIdOrAlias, IReadOnlyList<string>? fallbacks)
    {
        var key = modelIdOrAlias ?? _options.DefaultModel;
        if (fallbacks is null or { Count: 0 })
        {
            return _chains.TryGetValue(key, out var cached) ? cached : _chains.GetOrAdd(key, BuildChain(key, []));
        }

        return BuildChain(key, fallbacks);
    }

    private ModelRoute[] BuildChain(string key, IReadOnlyList<string> fallbacks)
    {
        var primary = Resolve(key);
        var chain = new List<ModelRoute> { primary };
        var configured = _options.Fallbacks.TryGetValue(key, out var byKey) ? byKey
            : _options.Fallbacks.TryGetValue(primary.Id.Canonical, out var byId) ? byId
            : [];
        foreach (var next in fallbacks.Concat(configured))
        {
            var route = Resolve(next);
            if (!chain.Exists(r => string.Equals(r.Id.Canonical, route.Id.Canonical, StringComparison.OrdinalIgnoreCase)))
            {
                chain.Add(route);
            }
        }

        return [.. chain];
    }

    private ModelRoute Create(string text)
    {
        var (target, alias) = ResolveAlias(text);
        var id = ModelId.Parse(target);
        ModelRoute route;
        if (_registered.TryGetValue(target, out var client) || _registered.TryGetValue(id.Canonical, out client))
        {
            var endpoint = new ResolvedEndpoint
            {
                Provider = id.Provider,
                Kind = "custom",
                Timeout = _options.Providers.TryGetValue(id.Provider, out var p) && p.Timeout is { } t ? t : ProviderDefaults.DefaultTimeout,
                MaxOutputTokens = ProviderDefaults.DefaultMaxOutputTokens,
                StructuredOutput = StructuredOutputMode.Native,
                HttpClient = _http,
                Sources = new Dictionary<string, string> { ["Client"] = "registered in code" },
            };
            route = new ModelRoute(id, endpoint, client, alias, WithImages(client, endpoint, id));
        }
        else
        {
            var endpoint = _endpoints.Resolve(id);
            if (!_factories.TryGetValue(endpoint.Kind, out var factory))
            {
                var package = endpoint.Kind switch
                {
                    ProviderKinds.Anthropic => ("PromptGen.Providers.Anthropic", "AddAnthropic()"),
                    ProviderKinds.ClaudeCode => ("PromptGen.Providers.ClaudeCode", "AddClaudeCode()"),
                    _ => ("PromptGen.Providers.OpenAI", "AddOpenAI()"),
                };
                throw new PromptConfigurationException(
                    $"Model '{id.Original}' uses the '{endpoint.Kind}' protocol, but no provider for it is registered. Add the {package.Item1} package and call .{package.Item2} on services.AddPromptGen(...).")
                { ModelId = id.Original, Provider = endpoint.Provider };
            }

            _redactor.Add(endpoint.ApiKey);
            var created = factory.CreateClient(endpoint, id.Model);
            route = new ModelRoute(id, endpoint, created, alias, WithImages(created, endpoint, id));
        }

        Log.RouteResolved(_logger, route);
        return route;
    }

    /// <summary>The route's client behind the image middleware, which fits each image to this provider's limits.</summary>
    private ImageFittingChatClient WithImages(IChatClient client, ResolvedEndpoint endpoint, ModelId id) =>
        new(client, _images, _images.LimitsFor(endpoint), endpoint.Provider, id.Canonical);

    private (string Target, string? Alias) ResolveAlias(string text)
    {
        string? alias = null;
        var current = text.Trim();
        for (var depth = 0; _options.Aliases.TryGetValue(current, out var next); depth++)
        {
            if (depth == MaxAliasDepth)
            {
                throw new PromptConfigurationException($"Alias '{text}' does not resolve: the aliases form a cycle through '{current}'. Fix PromptGen:Aliases so each alias ends at a model id.") { ModelId = text };
            }

            alias ??= current;
            current = next.Trim();
        }

        return (current, alias);
    }
}
