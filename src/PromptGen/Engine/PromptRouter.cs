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
    private readonly PromptGenOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeoutSourcePool _timeouts;
    private readonly ILogger _logger;
    private readonly RouteRegistry _routes;
    private readonly HttpClient _http;
    private readonly SecretRedactor _redactor;
    private readonly ResilienceRegistry _resilience;
    private readonly IEscalationHandler? _escalationHandler;
    private readonly HttpClient _downloads;
    private readonly ImageResolver _images;

    internal PromptRouter(
        PromptGenOptions options,
        IEnumerable<IChatClientFactory> factories,
        IReadOnlyDictionary<string, IChatClient> registered,
        TimeProvider timeProvider,
        ILogger logger,
        HttpMessageHandler? transport = null,
        IEscalationHandler? escalationHandler = null,
        IImageOptimizer? imageOptimizer = null,
        Microsoft.Extensions.Caching.Memory.IMemoryCache? cache = null,
        Microsoft.Extensions.Caching.Distributed.IDistributedCache? sharedCache = null,
        FleetCoordinator? fleet = null)
    {
        options.Images.Validate();
        _redactor = options.Redactor;
        ConfiguredSecrets.AddTo(_redactor, options);
        _escalationHandler = escalationHandler;
        _options = options;
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
        Recorder = new ChatRecorder(options.Recording, _redactor, timeProvider);
        _routes = new RouteRegistry(options, factories, registered, _http, _redactor, _images, logger, Recorder);
        _fleet = fleet ?? FleetCoordinator.Local;
        _cache = cache is null ? null : new ResponseCache(cache, sharedCache);
        _limits = new ProviderLimits(options.Limits, _fleet, timeProvider);
        _resilience = new ResilienceRegistry(options.CircuitBreaker, timeProvider, logger, _fleet);
    }

    /// <summary>Gets the clock every wait and timestamp of the router uses.</summary>
    internal TimeProvider Time => _time;

    /// <summary>Gets the options the router was built from.</summary>
    public PromptGenOptions Options => _options;

    /// <summary>Gets the recorder on every route's client (<see cref="PromptGenOptions.Recording"/>): its mode, directory and counts.</summary>
    public ChatRecorder Recorder { get; }

    /// <summary>Gets the escalation handler registered in dependency injection, if any.</summary>
    internal IEscalationHandler? EscalationHandler => _escalationHandler;

    /// <summary>Gets the names of the built-in providers and of the configured provider entries.</summary>
    public IReadOnlyList<string> ProviderNames =>
        [.. ProviderDefaults.BuiltIn.Keys.Concat(_options.Providers.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];

    /// <summary>Resolves a model id or alias to its route. Cached: a second call for the same text allocates nothing.</summary>
    /// <param name="modelIdOrAlias">A model id, an alias, or <see langword="null"/> for the default model.</param>
    /// <returns>The route.</returns>
    /// <exception cref="PromptConfigurationException">The id is malformed, the provider unknown, or the endpoint misconfigured.</exception>
    public ModelRoute Resolve(string? modelIdOrAlias) => _routes.Resolve(modelIdOrAlias);

    /// <summary>Resolves the fallback chain of a call: the primary, the given fallbacks, then the configured fallbacks of the primary.</summary>
    /// <param name="modelIdOrAlias">A model id, an alias, or <see langword="null"/> for the default model.</param>
    /// <param name="fallbacks">Extra fallbacks for this call, tried before the configured ones.</param>
    /// <returns>The routes, in the order they are tried, without duplicates.</returns>
    public IReadOnlyList<ModelRoute> ResolveChain(string? modelIdOrAlias, IReadOnlyList<string>? fallbacks = null) => _routes.ResolveChain(modelIdOrAlias, fallbacks);

    /// <summary>
    /// Returns the client of a model id or alias, for direct use: the route's provider client behind its image middleware
    /// (images are fitted to the provider), with no fallbacks, retries, tracing or error mapping.
    /// </summary>
    /// <param name="modelIdOrAlias">A model id, an alias, or <see langword="null"/> for the default model.</param>
    /// <returns>The client.</returns>
    public IChatClient GetChatClient(string? modelIdOrAlias) => Resolve(modelIdOrAlias).Pipeline;

    /// <inheritdoc/>
    ValueTask<PromptResult<ChatResponse>> IJudgeClient.AskJudgeAsync(string? model, IList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken) =>
        JudgeAsync(messages, new PromptCallOptions { Model = model, ChatOptions = options }, cancellationToken);

    // A judge's verdict is parsed by the rule that asked, not validated: never cached.
    private async ValueTask<PromptResult<ChatResponse>> JudgeAsync(IList<ChatMessage> messages, PromptCallOptions options, CancellationToken cancellationToken) =>
        (await SendAsync(messages, options, cancellationToken, cache: CacheUse.None).ConfigureAwait(false)).ToResult();

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var route in _routes.Resolved)
        {
            route.Client.Dispose();
        }

        _http.Dispose();
        _downloads.Dispose();
        _timeouts.Dispose();
    }
}
