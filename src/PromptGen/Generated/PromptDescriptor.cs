using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Validation;

namespace PromptGen.Generated;

/// <summary>
/// What the generator knows about one prompt method at build time: the model chain, sampling settings and the JSON
/// schema of the return type. Generated callers keep one in a static field and hand it to <see cref="PromptExecutor"/>.
/// </summary>
public sealed class PromptDescriptor
{
    private JsonElement? _schema;
    private string? _name;
    private PromptCallOptions? _callOptions;
    private ResolvedChain? _chain;
    private string? _cacheScope;

    /// <summary>Initializes a descriptor.</summary>
    /// <param name="client">The prompt client interface's full name.</param>
    /// <param name="method">The method name.</param>
    public PromptDescriptor(string client, string method)
    {
        Client = client;
        Method = method;
    }

    /// <summary>Gets the prompt client interface's full name.</summary>
    public string Client { get; }

    /// <summary>Gets the method name.</summary>
    public string Method { get; }

    /// <summary>Gets the model id or alias, or <see langword="null"/> for the configured default.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the fallback model ids, in order.</summary>
    public IReadOnlyList<string> Fallbacks { get; init; } = [];

    /// <summary>Gets the sampling temperature, if set.</summary>
    public float? Temperature { get; init; }

    /// <summary>Gets the maximum output tokens, if set.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Gets the retry policy from <c>[Retry]</c>, or <see langword="null"/> for the configured one.</summary>
    public RetryOptions? Retry { get; init; }

    /// <summary>Gets the circuit-breaker settings from <c>[CircuitBreaker]</c>, or <see langword="null"/> for the configured ones.</summary>
    public CircuitBreakerOptions? CircuitBreaker { get; init; }

    /// <summary>Gets the timeout of one attempt from <c>[Timeout]</c>, or <see langword="null"/> for the provider's.</summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>Gets the overall deadline from <c>[Timeout]</c>, or <see langword="null"/> for the configured one.</summary>
    public TimeSpan? TotalTimeout { get; init; }

    /// <summary>Gets the first-token timeout of a streamed attempt (<c>[Timeout(FirstTokenSeconds = …)]</c>).</summary>
    public TimeSpan? FirstTokenTimeout { get; init; }

    /// <summary>Gets the idle timeout between a streamed attempt's updates (<c>[Timeout(IdleSeconds = …)]</c>).</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Gets staged escalation from <c>[Escalate]</c>, or <see langword="null"/> for the configured one.</summary>
    public EscalationOptions? Escalation { get; init; }

    /// <summary>Gets the JSON schema of the return type (UTF-8), for typed results; empty for text.</summary>
    public ReadOnlyMemory<byte> JsonSchema { get; init; }

    /// <summary>Gets how far an answer that is almost JSON is repaired and coerced, or <see langword="null"/> for <see cref="ValidationOptions.JsonPolicy"/>.</summary>
    public Validation.JsonParsePolicy? JsonPolicy { get; init; }

    /// <summary>
    /// Gets a value indicating whether <see cref="JsonSchema"/> fits OpenAI's strict structured output (fixed properties,
    /// all required, no open values), so strict mode is requested from providers that support it.
    /// </summary>
    public bool StrictSchema { get; init; }

    /// <summary>
    /// Gets the validation rules of the method (from its rule attributes), in declaration order; they run in stage
    /// order structural → content → judge. Typed results are also checked against <see cref="JsonSchema"/>'s type.
    /// </summary>
    public IReadOnlyList<ResponseRule> Rules { get; init; } = [];

    /// <summary>Gets the method's re-ask budget (<see cref="ReaskAttribute"/>), or <see langword="null"/> for <see cref="ValidationOptions.MaxReasks"/>.</summary>
    public int? ReaskBudget { get; init; }

    /// <summary>Gets response caching from <c>[Cache]</c>, or <see langword="null"/> for <see cref="PromptGenOptions.Cache"/>.</summary>
    public PromptCacheOptions? Cache { get; init; }

    /// <summary>
    /// Gets the version of the method's rules and policies (the generator emits a hash of their declarations), part of the
    /// response-cache key so an answer validated by other rules is never served. <see langword="null"/>: derived from <see cref="Rules"/>.
    /// </summary>
    public string? RulesVersion { get; init; }

    /// <summary>Gets the schema name sent to providers that want one.</summary>
    public string? SchemaName { get; init; }

    /// <summary>
    /// Gets a value indicating whether each model call streams its answer. Rules still run on the assembled text, re-asks
    /// still happen, and each answered attempt records <see cref="AttemptRecord.TimeToFirstToken"/>. Streaming calls
    /// fall back to the next model before the first text arrives but are not retried on the same model.
    /// </summary>
    public bool Stream { get; init; }

    /// <summary>Gets the schema parsed once, or <see langword="null"/> for text results.</summary>
    internal JsonElement? Schema => JsonSchema.IsEmpty ? null : _schema ??= JsonDocument.Parse(JsonSchema).RootElement.Clone();

    /// <inheritdoc/>
    public override string ToString() => _name ??= $"{Client}.{Method}";

    /// <summary>What besides the request determines a validated answer: the method, its rules version and JSON policy.</summary>
    private string CacheScope => _cacheScope ??= $"{Client}.{Method}|{RulesVersion ?? string.Join(";", Rules.Select(r => r.GetType().Name + ":" + r.Stage + ":" + r.Message))}|{JsonPolicy}|{ReaskBudget}";

    /// <summary>
    /// Gets the router options of a call to the descriptor's own model chain, built once: the descriptor is immutable and
    /// nothing downstream mutates call or chat options (middleware clones before adapting).
    /// </summary>
    internal PromptCallOptions CallOptions => _callOptions ??= CreateCallOptions(null);

    /// <summary>
    /// Gets the descriptor's model chain as <paramref name="router"/> resolves it, kept for the last router that asked
    /// (descriptors are static and normally serve one router; another router just resolves it again).
    /// </summary>
    internal IReadOnlyList<ModelRoute> ChainFor(PromptRouter router)
    {
        if (_chain is { } kept && ReferenceEquals(kept.Router, router))
        {
            return kept.Chain;
        }

        var chain = router.ResolveChain(Model, Fallbacks);
        _chain = new ResolvedChain(router, chain);
        return chain;
    }

    /// <summary>Builds the router options for a call to <paramref name="model"/> (no fallbacks) or, when it is null, to the descriptor's chain.</summary>
    internal PromptCallOptions CreateCallOptions(string? model)
    {
        var chat = new ChatOptions { Temperature = Temperature, MaxOutputTokens = MaxOutputTokens };
        if (Schema is { } schema)
        {
            chat.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, SchemaName);
            if (StrictSchema)
            {
                // Microsoft.Extensions.AI's OpenAI adapter reads this key to send "strict": true.
                (chat.AdditionalProperties ??= [])["strict"] = true;
            }
        }

        return new PromptCallOptions
        {
            Model = model ?? Model,
            Fallbacks = model is null ? Fallbacks : null,
            ChatOptions = chat,
            Retry = Retry,
            CircuitBreaker = CircuitBreaker,
            AttemptTimeout = AttemptTimeout,
            TotalTimeout = TotalTimeout,
            FirstTokenTimeout = FirstTokenTimeout,
            IdleTimeout = IdleTimeout,
            Escalation = Escalation,
            Cache = Cache,
            CacheScope = CacheScope,
        };
    }

    /// <summary>
    /// The router options of one call: the caller's <see cref="PromptCallOptions"/> over the method's own. A caller's model
    /// replaces the method's chain (with the caller's fallbacks, if any); chat settings the caller leaves unset keep the
    /// method's, and the response format of a typed method stays the method's schema.
    /// </summary>
    internal PromptCallOptions CallOptionsWith(PromptCallOptions? caller, string? model = null)
    {
        if (caller is null)
        {
            return model is null ? CallOptions : CreateCallOptions(model);
        }

        var own = CreateCallOptions(model ?? caller.Model);
        var chat = own.ChatOptions!;
        if (caller.ChatOptions is { } given)
        {
            var merged = given.Clone();
            merged.Temperature ??= chat.Temperature;
            merged.MaxOutputTokens ??= chat.MaxOutputTokens;
            merged.ResponseFormat = chat.ResponseFormat ?? merged.ResponseFormat;
            if (chat.AdditionalProperties is { } extra)
            {
                foreach (var pair in extra)
                {
                    (merged.AdditionalProperties ??= [])[pair.Key] = pair.Value;
                }
            }

            chat = merged;
        }

        return new PromptCallOptions
        {
            Model = own.Model,
            Fallbacks = model is not null ? null : caller.Model is null ? caller.Fallbacks ?? own.Fallbacks : caller.Fallbacks,
            ChatOptions = chat,
            Retry = caller.Retry ?? own.Retry,
            CircuitBreaker = caller.CircuitBreaker ?? own.CircuitBreaker,
            AttemptTimeout = caller.AttemptTimeout ?? own.AttemptTimeout,
            TotalTimeout = caller.TotalTimeout ?? own.TotalTimeout,
            FirstTokenTimeout = caller.FirstTokenTimeout ?? own.FirstTokenTimeout,
            IdleTimeout = caller.IdleTimeout ?? own.IdleTimeout,
            Escalation = caller.Escalation ?? own.Escalation,
            EscalationHandler = caller.EscalationHandler,
            Debug = caller.Debug,
            Cache = caller.Cache ?? own.Cache,
            CacheScope = caller.JsonPolicy is { } policy ? own.CacheScope + "|" + policy : own.CacheScope,
        };
    }

    /// <summary>A resolved chain with the router it belongs to, swapped as one reference.</summary>
    private sealed record ResolvedChain(PromptRouter Router, IReadOnlyList<ModelRoute> Chain);
}
