using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PromptGen.Validation;

namespace PromptGen;

/// <summary>
/// Routes calls by model id or alias to an <see cref="IChatClient"/>, in fallback order, recording every attempt in a
/// <see cref="PromptTrace"/> and turning provider failures into typed <see cref="PromptGenException"/>s.
/// Routes are resolved once and cached; resolution errors are raised before any network call.
/// </summary>
public sealed partial class PromptRouter : IJudgeClient, IDisposable
{
    private const int MaxAliasDepth = 16;

    private readonly PromptGenOptions _options;
    private readonly Dictionary<string, IChatClientFactory> _factories;
    private readonly Dictionary<string, IChatClient> _registered;
    private readonly TimeProvider _time;
    private readonly TimeoutSourcePool _timeouts;
    private readonly ILogger _logger;
    private readonly EndpointResolver _endpoints;
    private readonly HttpClient _http;
    private readonly SecretRedactor _redactor;
    private readonly ResilienceRegistry _resilience;
    private readonly IEscalationHandler? _escalationHandler;
    private readonly HttpClient _downloads;
    private readonly ImageResolver _images;
    private readonly ConcurrentDictionary<string, ModelRoute> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ModelRoute[]> _chains = new(StringComparer.Ordinal);

    internal PromptRouter(
        PromptGenOptions options,
        IEnumerable<IChatClientFactory> factories,
        IReadOnlyDictionary<string, IChatClient> registered,
        TimeProvider timeProvider,
        ILogger logger,
        HttpMessageHandler? transport = null,
        IEscalationHandler? escalationHandler = null,
        IImageOptimizer? imageOptimizer = null)
    {
        options.Images.Validate();
        _redactor = options.Redactor;
        ConfiguredSecrets.AddTo(_redactor, options);
        _escalationHandler = escalationHandler;
        _options = options;
        _factories = factories.GroupBy(f => f.Kind, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
        _registered = new Dictionary<string, IChatClient>(registered, StringComparer.OrdinalIgnoreCase);
        _time = timeProvider;
        _timeouts = new TimeoutSourcePool(timeProvider);
        _logger = logger;
        var inner = transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(15) };
        var handler = new ProviderHttpHandler(timeProvider, _redactor) { InnerHandler = inner };

        // Image downloads share the transport but not the provider error mapping; the download enforces its own timeout.
        _downloads = new HttpClient(inner, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _images = new ImageResolver(imageOptimizer ?? LimitsCheckingOptimizer.Instance, options.Images, new ImageDownloader(_downloads, options.Images, timeProvider));

        // PromptGen enforces timeouts itself (per attempt, with TimeProvider), so the HttpClient has none.
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _endpoints = new EndpointResolver(options, _http);
        _resilience = new ResilienceRegistry(options.CircuitBreaker, timeProvider, logger);
    }

    /// <summary>Gets the options the router was built from.</summary>
    public PromptGenOptions Options => _options;

    /// <summary>Gets the escalation handler registered in dependency injection, if any.</summary>
    internal IEscalationHandler? EscalationHandler => _escalationHandler;

    /// <summary>Gets the names of the built-in providers and of the configured provider entries.</summary>
    public IReadOnlyList<string> ProviderNames =>
        [.. ProviderDefaults.BuiltIn.Keys.Concat(_options.Providers.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];

    /// <summary>Resolves a model id or alias to its route. Cached: a second call for the same text allocates nothing.</summary>
    /// <param name="modelIdOrAlias">A model id, an alias, or <see langword="null"/> for the default model.</param>
    /// <returns>The route.</returns>
    /// <exception cref="PromptConfigurationException">The id is malformed, the provider unknown, or the endpoint misconfigured.</exception>
    public ModelRoute Resolve(string? modelIdOrAlias)
    {
        var key = modelIdOrAlias ?? _options.DefaultModel;
        return _routes.TryGetValue(key, out var route) ? route : _routes.GetOrAdd(key, Create(key));
    }

    /// <summary>Resolves the fallback chain of a call: the primary, the given fallbacks, then the configured fallbacks of the primary.</summary>
    /// <param name="modelIdOrAlias">A model id, an alias, or <see langword="null"/> for the default model.</param>
    /// <param name="fallbacks">Extra fallbacks for this call, tried before the configured ones.</param>
    /// <returns>The routes, in the order they are tried, without duplicates.</returns>
    public IReadOnlyList<ModelRoute> ResolveChain(string? modelIdOrAlias, IReadOnlyList<string>? fallbacks = null)
    {
        var key = modelIdOrAlias ?? _options.DefaultModel;
        if (fallbacks is null or { Count: 0 })
        {
            return _chains.TryGetValue(key, out var cached) ? cached : _chains.GetOrAdd(key, BuildChain(key, []));
        }

        return BuildChain(key, fallbacks);
    }

    /// <summary>Returns the client of a model id or alias, for direct use (no fallbacks, tracing or error mapping).</summary>
    /// <param name="modelIdOrAlias">A model id, an alias, or <see langword="null"/> for the default model.</param>
    /// <returns>The client.</returns>
    public IChatClient GetChatClient(string? modelIdOrAlias) => Resolve(modelIdOrAlias).Client;

    /// <inheritdoc/>
    ValueTask<PromptResult<ChatResponse>> IJudgeClient.AskJudgeAsync(string? model, IList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken) =>
        new(GetResponseAsync(messages, new PromptCallOptions { Model = model, ChatOptions = options }, cancellationToken));

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var route in _routes.Values)
        {
            route.Client.Dispose();
        }

        _http.Dispose();
        _downloads.Dispose();
        _timeouts.Dispose();
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
            route = new ModelRoute(id, endpoint, client, alias);
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
            route = new ModelRoute(id, endpoint, factory.CreateClient(endpoint, id.Model), alias);
        }

        Log.RouteResolved(_logger, route);
        return route;
    }

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
