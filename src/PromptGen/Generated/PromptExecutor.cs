using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace PromptGen.Generated;

/// <summary>
/// The runtime surface generated callers target: runs a rendered prompt through the <see cref="PromptRouter"/> and
/// turns the answer into the method's return type, AOT-safely (through <see cref="JsonTypeInfo{T}"/>, no reflection).
/// </summary>
public sealed class PromptExecutor(PromptRouter router)
{
    /// <summary>Runs a prompt whose result is text.</summary>
    /// <param name="descriptor">The method's descriptor.</param>
    /// <param name="messages">The rendered messages.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The text with its trace.</returns>
    public async Task<PromptResult<string>> GetTextAsync(PromptDescriptor descriptor, IList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var result = await router.GetResponseAsync(messages, CallOptions(descriptor), cancellationToken).ConfigureAwait(false);
        return new PromptResult<string>(result.Value.Text, result.ModelId, result.Trace) { RawText = result.RawText, Usage = result.Usage };
    }

    /// <summary>Runs a prompt whose result is JSON deserialized into <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="descriptor">The method's descriptor (with the schema of <typeparamref name="T"/>).</param>
    /// <param name="messages">The rendered messages.</param>
    /// <param name="typeInfo">The generated serialization metadata of <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The value with its trace.</returns>
    /// <exception cref="ResponseValidationException">The answer is not JSON of the expected shape; the raw text is kept.</exception>
    public async Task<PromptResult<T>> GetJsonAsync<T>(PromptDescriptor descriptor, IList<ChatMessage> messages, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var result = await router.GetResponseAsync(messages, CallOptions(descriptor), cancellationToken).ConfigureAwait(false);
        var text = result.Value.Text;
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(JsonAnswer.Extract(text), typeInfo);
        }
        catch (JsonException exception)
        {
            throw Invalid(descriptor, result, text, $"The answer is not valid JSON for {typeof(T).Name}: {exception.Message}", exception);
        }

        if (value is null)
        {
            throw Invalid(descriptor, result, text, $"The answer is JSON null; {typeof(T).Name} expected.", null);
        }

        return new PromptResult<T>(value, result.ModelId, result.Trace) { RawText = text, Usage = result.Usage };
    }

    /// <summary>Streams a prompt's text as it arrives.</summary>
    /// <param name="descriptor">The method's descriptor.</param>
    /// <param name="messages">The rendered messages.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The text fragments.</returns>
    public async IAsyncEnumerable<string> StreamTextAsync(PromptDescriptor descriptor, IList<ChatMessage> messages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        await foreach (var update in router.GetStreamingResponseAsync(messages, CallOptions(descriptor), cancellationToken).ConfigureAwait(false))
        {
            if (update.Text is { Length: > 0 } text)
            {
                yield return text;
            }
        }
    }

    private static PromptCallOptions CallOptions(PromptDescriptor descriptor)
    {
        var chat = new ChatOptions { Temperature = descriptor.Temperature, MaxOutputTokens = descriptor.MaxOutputTokens };
        if (descriptor.Schema is { } schema)
        {
            chat.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, descriptor.SchemaName);
            if (descriptor.StrictSchema)
            {
                // Microsoft.Extensions.AI's OpenAI adapter reads this key to send "strict": true.
                (chat.AdditionalProperties ??= [])["strict"] = true;
            }
        }

        return new PromptCallOptions
        {
            Model = descriptor.Model,
            Fallbacks = descriptor.Fallbacks,
            ChatOptions = chat,
            Retry = descriptor.Retry,
            CircuitBreaker = descriptor.CircuitBreaker,
            AttemptTimeout = descriptor.AttemptTimeout,
            TotalTimeout = descriptor.TotalTimeout,
            Escalation = descriptor.Escalation,
        };
    }

    private static ResponseValidationException Invalid(PromptDescriptor descriptor, PromptResult<ChatResponse> result, string text, string problem, Exception? inner)
    {
        var error = new ResponseValidationException(
            $"{descriptor}: model '{result.ModelId}' answered, but {char.ToLowerInvariant(problem[0])}{problem[1..]} The raw answer is in RawText.",
            text,
            [problem],
            inner)
        {
            ModelId = result.ModelId,
        };
        error.WithTrace(result.Trace);
        return error;
    }
}
