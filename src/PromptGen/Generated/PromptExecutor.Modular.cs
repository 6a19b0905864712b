using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using PromptGen.Validation;

namespace PromptGen.Generated;

/// <summary>
/// Render and parse separately (BAML's modular API): what a method would send, without sending it, and an answer
/// obtained elsewhere (a batch API, a custom transport) read with the method's rules — schema, parse policy and
/// validation rules, exactly as a call reads its answer, without re-asking.
/// </summary>
public sealed partial class PromptExecutor
{
    /// <summary>What a call of <paramref name="descriptor"/>'s method would send, without sending it.</summary>
    /// <param name="descriptor">The method's descriptor.</param>
    /// <param name="messages">The rendered messages.</param>
    /// <returns>The messages, chat options and model.</returns>
    public PromptRequest Render(PromptDescriptor descriptor, IList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(messages);
        var first = descriptor.ChainFor(_router)[0];
        var call = descriptor.CallOptions;
        var options = call.ChatOptions?.Clone() ?? new ChatOptions();
        options.ModelId = first.Id.Model;
        return new PromptRequest(descriptor.ToString(), [.. messages], options, first.Id.Canonical, [.. descriptor.Fallbacks], descriptor.Schema);
    }

    /// <summary>Reads an answer to <paramref name="descriptor"/>'s text method with its rules, without a model call.</summary>
    /// <param name="descriptor">The method's descriptor.</param>
    /// <param name="answer">The model's answer, as received.</param>
    /// <param name="modelId">The model that answered, recorded on the result; <see langword="null"/> for <c>unknown</c>.</param>
    /// <param name="cancellationToken">A token to cancel judge rules.</param>
    /// <returns>The text with its result record.</returns>
    /// <exception cref="ResponseValidationException">The answer breaks a rule; every error is listed.</exception>
    public ValueTask<PromptResult<string>> ParseTextAsync(PromptDescriptor descriptor, string answer, string? modelId, CancellationToken cancellationToken) =>
        ParseAsync<string>(descriptor, answer, modelId, null, cancellationToken);

    /// <summary>Reads an answer to <paramref name="descriptor"/>'s typed method into <typeparamref name="T"/> with its schema, parse policy and rules, without a model call.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="descriptor">The method's descriptor.</param>
    /// <param name="answer">The model's answer, as received.</param>
    /// <param name="typeInfo">The generated serialization metadata of <typeparamref name="T"/>.</param>
    /// <param name="modelId">The model that answered, recorded on the result; <see langword="null"/> for <c>unknown</c>.</param>
    /// <param name="cancellationToken">A token to cancel judge rules.</param>
    /// <returns>The value with the repairs made to read it.</returns>
    /// <exception cref="ResponseValidationException">The answer is not JSON of the expected shape under the policy, or breaks a rule; every error is listed.</exception>
    public ValueTask<PromptResult<T>> ParseJsonAsync<T>(PromptDescriptor descriptor, string answer, JsonTypeInfo<T> typeInfo, string? modelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return ParseAsync(descriptor, answer, modelId, context => ParseJson(context, typeInfo), cancellationToken);
    }

    private async ValueTask<PromptResult<T>> ParseAsync<T>(PromptDescriptor descriptor, string answer, string? modelId, Func<ValidationContext, (T? Value, IReadOnlyList<string> Errors)>? parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(answer);
        var model = modelId ?? "unknown";
        var log = new CallLog();
        var context = Context(descriptor, null, answer);
        var (value, errors) = await ValidateAsync(descriptor, context, parse ?? TextOf<T>, log, cancellationToken).ConfigureAwait(false);
        if (errors.Count == 0)
        {
            return new PromptResult<T>(value!, model, log.Trace()) { RawText = answer, Repairs = context.Repairs };
        }

        throw new ResponseValidationException(
            $"{descriptor}: the answer does not satisfy the method's rules: {string.Join(" ", errors)} "
            + "Nothing was re-asked (parsing makes no model call): ask the model again with these errors, or relax the rule or parse policy.",
            answer,
            errors)
        {
            ModelId = model,
            Attempts = [new ValidationAttempt(model, answer, errors) { Repairs = context.Repairs }],
        };
    }
}
