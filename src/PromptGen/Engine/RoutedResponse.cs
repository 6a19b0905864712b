using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>
/// A routed call's answer as the executor consumes it: the response, the model that gave it and the attempt log. A
/// value, so the executor's path allocates no intermediate <see cref="PromptResult{T}"/>; the router's public methods
/// wrap it with <see cref="ToResult"/>.
/// </summary>
internal readonly record struct RoutedResponse(ChatResponse Response, string ModelId, PromptTrace Trace)
{
    /// <summary>Gets the response-cache key of the call, when caching was on (the executor stores a validated answer under it).</summary>
    public string? CacheKey { get; init; }

    /// <summary>Gets a value indicating whether the answer came from the response cache.</summary>
    public bool FromCache { get; init; }

    public PromptResult<ChatResponse> ToResult() => new(Response, ModelId, Trace) { RawText = Response.Text, Usage = Response.Usage };
}
