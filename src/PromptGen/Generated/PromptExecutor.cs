using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using PromptGen.Validation;

namespace PromptGen.Generated;

/// <summary>
/// The runtime surface generated callers target: runs a rendered prompt through the <see cref="PromptRouter"/>, turns
/// the answer into the method's return type AOT-safely (through <see cref="JsonTypeInfo{T}"/>, no reflection), validates
/// it against the descriptor's rules and re-asks the model with the exact errors until it is valid or the re-ask budget
/// (separate from transport retries) is spent.
/// </summary>
public sealed partial class PromptExecutor
{
    private readonly PromptRouter _router;
    private readonly IServiceProvider? _services;

    /// <summary>Initializes an executor without services (custom validators and registered syntax checkers are unavailable).</summary>
    /// <param name="router">The router.</param>
    public PromptExecutor(PromptRouter router)
        : this(router, null)
    {
    }

    /// <summary>Initializes an executor.</summary>
    /// <param name="router">The router.</param>
    /// <param name="services">The application's services, for custom validators (<see cref="CustomRule"/>) and syntax checkers.</param>
    public PromptExecutor(PromptRouter router, IServiceProvider? services)
    {
        ArgumentNullException.ThrowIfNull(router);
        _router = router;
        _services = services;
    }

    /// <summary>Runs a prompt whose result is text, validated by the descriptor's rules.</summary>
    /// <param name="descriptor">The method's descriptor.</param>
    /// <param name="messages">The rendered messages.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The text with its trace (every attempt, re-ask and judge call).</returns>
    /// <exception cref="ResponseValidationException">No answer passed within the re-ask budget; every attempt is attached.</exception>
    /// <exception cref="JudgeFailedException">A judge rule could not reach a verdict (an error, not a failure).</exception>
    public ValueTask<PromptResult<string>> GetTextAsync(PromptDescriptor descriptor, IList<ChatMessage> messages, CancellationToken cancellationToken) =>
        RunAsync<string>(descriptor, messages, null, parse: null, cancellationToken);

    /// <summary>Runs a prompt whose result is text, with the caller's per-call options over the method's.</summary>
    /// <param name="descriptor">The method's descriptor.</param>
    /// <param name="messages">The rendered messages.</param>
    /// <param name="options">The caller's options for this call (model, temperature, deadline, debug, …); <see langword="null"/> for the method's own.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The text with its trace.</returns>
    public ValueTask<PromptResult<string>> GetTextAsync(PromptDescriptor descriptor, IList<ChatMessage> messages, PromptCallOptions? options, CancellationToken cancellationToken) =>
        RunAsync<string>(descriptor, messages, options, parse: null, cancellationToken);

    /// <summary>Runs a prompt whose result is JSON deserialized into <typeparamref name="T"/>, validated and re-asked like text.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="descriptor">The method's descriptor (with the schema of <typeparamref name="T"/>).</param>
    /// <param name="messages">The rendered messages.</param>
    /// <param name="typeInfo">The generated serialization metadata of <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The value with its trace.</returns>
    /// <exception cref="ResponseValidationException">No answer was JSON of the expected shape within the re-ask budget; every raw answer is kept.</exception>
    /// <exception cref="JudgeFailedException">A judge rule could not reach a verdict.</exception>
    public ValueTask<PromptResult<T>> GetJsonAsync<T>(PromptDescriptor descriptor, IList<ChatMessage> messages, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        GetJsonAsync(descriptor, messages, typeInfo, null, cancellationToken);

    /// <summary>Runs a prompt whose result is JSON deserialized into <typeparamref name="T"/>, with the caller's per-call options over the method's.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="descriptor">The method's descriptor (with the schema of <typeparamref name="T"/>).</param>
    /// <param name="messages">The rendered messages.</param>
    /// <param name="typeInfo">The generated serialization metadata of <typeparamref name="T"/>.</param>
    /// <param name="options">The caller's options for this call; <see langword="null"/> for the method's own.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The value with its trace.</returns>
    public ValueTask<PromptResult<T>> GetJsonAsync<T>(PromptDescriptor descriptor, IList<ChatMessage> messages, JsonTypeInfo<T> typeInfo, PromptCallOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return RunAsync(descriptor, messages, options, context => ParseJson(context, typeInfo), cancellationToken);
    }

    /// <summary>
    /// Streams a prompt's text as it arrives, through the same pipeline as every call (retries and fallbacks before the
    /// first content, breaker, deadline, first-token and idle timeouts). Not validated: rules need the whole answer.
    /// </summary>
    /// <param name="descriptor">The method's descriptor.</param>
    /// <param name="messages">The rendered messages.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The text fragments; <see cref="PromptStream{T}.Completion"/> has the model, usage and trace once they are read.</returns>
    public PromptStream<string> StreamTextAsync(PromptDescriptor descriptor, IList<ChatMessage> messages, CancellationToken cancellationToken) =>
        StreamTextAsync(descriptor, messages, null, cancellationToken);

    /// <summary>Streams a prompt's text like <see cref="StreamTextAsync(PromptDescriptor, IList{ChatMessage}, CancellationToken)"/>, with the caller's per-call options over the method's.</summary>
    /// <param name="descriptor">The method's descriptor.</param>
    /// <param name="messages">The rendered messages.</param>
    /// <param name="options">The caller's options for this call (model, temperature, deadline, …); <see langword="null"/> for the method's own.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The text fragments.</returns>
    public PromptStream<string> StreamTextAsync(PromptDescriptor descriptor, IList<ChatMessage> messages, PromptCallOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(messages);
        var call = descriptor.CallOptionsWith(options);
        return _router.Stream(messages, call, options is null ? descriptor.ChainFor(_router) : null, static update => update.Text is { Length: > 0 } text ? text : null, cancellationToken);
    }

    /// <summary>Reads a typed result: extraction, then every required/null/kind error at once, then deserialization.</summary>
    private static (T? Value, IReadOnlyList<string> Errors) ParseJson<T>(ValidationContext context, JsonTypeInfo<T> typeInfo)
    {
        if (context.TryFast(typeInfo, out var fast))
        {
            return (fast, []);
        }

        var json = context.Json;
        if (!json.Success)
        {
            return (default, [json.Error!]);
        }

        var errors = TypedJson.Check(json.Value, typeInfo);
        if (errors.Count > 0)
        {
            return (default, errors);
        }

        var (value, error) = TypedJson.Deserialize(json.Value, typeInfo);
        return error is null ? (value, []) : (default, [error]);
    }
}
