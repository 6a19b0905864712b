using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using PromptGen.Validation;

namespace PromptGen.Generated;

public sealed partial class PromptExecutor
{
    private static readonly UnboundedChannelOptions s_partialChannel = new() { SingleReader = true, SingleWriter = true };

    /// <summary>Streams a typed result as it is written; see <see cref="StreamJsonAsync{T}(PromptDescriptor, IList{ChatMessage}, JsonTypeInfo{T}, PromptCallOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="descriptor">The method's descriptor (with the schema of <typeparamref name="T"/>).</param>
    /// <param name="messages">The rendered messages.</param>
    /// <param name="typeInfo">The generated serialization metadata of <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The partial values as they arrive; the last one is final.</returns>
    public IAsyncEnumerable<PromptPartial<T>> StreamJsonAsync<T>(PromptDescriptor descriptor, IList<ChatMessage> messages, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        StreamJsonAsync(descriptor, messages, typeInfo, null, cancellationToken);

    /// <summary>
    /// Streams a typed result as the model writes it, through the same pipeline and re-ask loop as every call: each
    /// update carries the value parsed so far (members not yet arrived are default), which members are complete and the
    /// raw text; the text is read incrementally (<see cref="PartialJsonParser"/>), never again per chunk. A complete part
    /// that breaks the schema (a wrong kind, an enum value that is not allowed, a complete object without a required
    /// member) stops the answer at once and re-asks with the error within the re-ask budget; so does a rule of the method
    /// that the part written already decides (<see cref="RequiredFieldRule"/> once its field is complete or its container
    /// closed without it, <see cref="ForbiddenFieldRule"/> once its field is complete, <see cref="DoesNotContainRule"/> once
    /// the text is written). The trace records where it stopped and why. Rules that need the whole answer run at the end:
    /// the last update is final, the whole answer read and validated by every rule, with usage, model and trace.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="descriptor">The method's descriptor (with the schema of <typeparamref name="T"/>).</param>
    /// <param name="messages">The rendered messages.</param>
    /// <param name="typeInfo">The generated serialization metadata of <typeparamref name="T"/>.</param>
    /// <param name="options">The caller's options for this call; <see langword="null"/> for the method's own.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The partial values as they arrive; the last one is final (<see cref="PromptPartial{T}.Result"/>).</returns>
    /// <exception cref="ResponseValidationException">No answer was valid within the re-ask budget; every attempt is attached.</exception>
    public async IAsyncEnumerable<PromptPartial<T>> StreamJsonAsync<T>(
        PromptDescriptor descriptor,
        IList<ChatMessage> messages,
        JsonTypeInfo<T> typeInfo,
        PromptCallOptions? options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var updates = Channel.CreateUnbounded<PromptPartial<T>>(s_partialChannel);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stream = new PartialStream<T>(this, typeInfo, updates.Writer, options?.JsonPolicy ?? descriptor.JsonPolicy ?? _router.Options.Validation.JsonPolicy);
        var run = RunPartialAsync(stream, descriptor, messages, options, updates.Writer, stop.Token);
        var read = false;
        try
        {
            while (await updates.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (updates.Reader.TryRead(out var update))
                {
                    yield return update;
                }
            }

            read = true;
        }
        finally
        {
            if (!read)
            {
                // The caller stopped reading: the call is cancelled and awaited before the enumerator is gone.
                await stop.CancelAsync().ConfigureAwait(false);
                await ((Task)run).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        var result = await run.ConfigureAwait(false);
        yield return new PromptPartial<T>(result.Value, ["$"], (result.RawText ?? string.Empty).AsMemory(), stream.Attempt, result);
    }

    private async Task<PromptResult<T>> RunPartialAsync<T>(PartialStream<T> stream, PromptDescriptor descriptor, IList<ChatMessage> messages, PromptCallOptions? options, ChannelWriter<PromptPartial<T>> writer, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(descriptor, messages, options, stream.Parse, cancellationToken, stream.AskAsync).ConfigureAwait(false);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    /// <summary>One typed partial stream: reads each streamed answer incrementally, publishes updates, stops an answer whose complete part breaks the schema.</summary>
    private sealed class PartialStream<T>(PromptExecutor executor, JsonTypeInfo<T> typeInfo, ChannelWriter<PromptPartial<T>> writer, JsonParsePolicy policy)
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _json = new();
        private IReadOnlyList<string>? _stopped;

        public int Attempt { get; private set; }

        /// <summary>The parse step of the re-ask loop: the errors that stopped the answer, or the full read of the whole answer.</summary>
        public (T? Value, IReadOnlyList<string> Errors) Parse(ValidationContext context) => _stopped is { } errors ? (default, errors) : ParseJson(context, typeInfo);

        public async ValueTask<RoutedResponse> AskAsync(PromptDescriptor descriptor, IList<ChatMessage> conversation, PromptCallOptions? options, string? model, EscalationBudget? escalations, CallLog log, AttemptKind firstKind, CacheUse cache, CancellationToken cancellationToken)
        {
            Attempt++;
            _stopped = null;
            var router = executor._router;
            var parser = new PartialJsonParser(descriptor.Schema, policy);
            var channel = Channel.CreateUnbounded<ChatResponseUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var call = descriptor.CallOptionsWith(options, model);
            var chain = model is null && options is null ? descriptor.ChainFor(router) : null;
            var started = router.Time.GetUtcNow();
            var send = SendAsync(router, channel.Writer, conversation, call, chain, escalations, cache, abandon.Token);
            var checkedLength = 0;
            using var valueWriter = new Utf8JsonWriter(_json, new JsonWriterOptions { SkipValidation = true });
            while (await channel.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                var grew = false;
                while (channel.Reader.TryRead(out var update))
                {
                    if (update.Text is { Length: > 0 } chunk)
                    {
                        parser.Append(chunk);
                        grew = true;
                    }
                }

                if (!grew)
                {
                    continue;
                }

                // The value so far is written to one reused buffer and read from it into T (no JsonElement per update);
                // the text is handed out as memory over the parser's buffer, made a string only if the caller asks.
                _json.ResetWrittenCount();
                valueWriter.Reset(_json);
                var (hasValue, complete, schemaErrors) = parser.ReadInto(valueWriter);
                var text = parser.TextMemory;
                var json = hasValue ? _json.WrittenMemory : default;
                var (errors, broke) = schemaErrors.Count > 0 ? (schemaErrors, "a complete part breaks the schema") : RuleErrors(descriptor.Rules, text, json, complete, checkedLength);
                checkedLength = text.Length;
                if (errors.Count > 0)
                {
                    return await StopAsync(text.ToString(), errors, broke, send, abandon, chain ?? router.ResolveChain(call.Model, call.Fallbacks), log, firstKind, started).ConfigureAwait(false);
                }

                writer.TryWrite(new PromptPartial<T>(hasValue ? Typed(json.Span) : default, complete, text, Attempt));
            }

            try
            {
                var result = await send.ConfigureAwait(false);
                log.Add(result.Trace, firstKind);
                return result;
            }
            catch (PromptGenException error)
            {
                log.Add(error.Trace, firstKind);
                error.WithTrace(log.Trace(), error.FallbackFailures);
                throw;
            }
        }

        /// <summary>
        /// The rules a complete part already breaks (<see cref="ResponseRule.PartialError(PartialAnswer)"/>): a field
        /// rule once its field is complete or its container closed without it, a forbidden text once it has been written.
        /// Rules that need the whole answer are not asked here; they run on the final answer.
        /// </summary>
        private static (IReadOnlyList<string> Errors, string Broke) RuleErrors(IReadOnlyList<ResponseRule> rules, ReadOnlyMemory<char> text, ReadOnlyMemory<byte> json, IReadOnlyList<string> complete, int checkedLength)
        {
            if (rules.Count == 0)
            {
                return ([], string.Empty);
            }

            using var answer = new PartialAnswer(text, json, complete, checkedLength);
            List<string>? errors = null;
            List<string>? names = null;
            foreach (var rule in rules)
            {
                if (rule.PartialError(answer) is { } error)
                {
                    (errors ??= []).Add(error);
                    (names ??= []).Add(rule.GetType().Name);
                }
            }

            return errors is null ? ([], string.Empty) : (errors, $"the answer so far already breaks {string.Join(", ", names!)}");
        }

        /// <summary>Stops the answer being streamed: the call is cancelled, and the attempt is recorded as invalid with where it stopped.</summary>
        private async ValueTask<RoutedResponse> StopAsync(string text, IReadOnlyList<string> errors, string broke, Task<RoutedResponse> send, CancellationTokenSource abandon, IReadOnlyList<ModelRoute> chain, CallLog log, AttemptKind firstKind, DateTimeOffset started)
        {
            await abandon.CancelAsync().ConfigureAwait(false);
            await ((Task)send).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var (line, column) = JsonExtractor.Position(text, text.Length);
            _stopped = errors;
            var model = send.IsCompletedSuccessfully ? send.Result.ModelId : chain[0].Id.Canonical;
            var stopped = $"Stopped the streamed answer after {text.Length} characters (line {line}, column {column}): {broke}.";
            var record = new AttemptRecord(model, model.Split('/')[0], firstKind, started, executor._router.Time.GetUtcNow() - started, AttemptOutcome.Invalid)
            {
                ErrorMessage = stopped,
                ValidationErrors = errors,
            };
            var trace = new PromptTrace([record]);
            log.Add(trace, firstKind);
            return new RoutedResponse(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)), model, trace);
        }

        private static async Task<RoutedResponse> SendAsync(PromptRouter router, ChannelWriter<ChatResponseUpdate> sink, IList<ChatMessage> conversation, PromptCallOptions call, IReadOnlyList<ModelRoute>? chain, EscalationBudget? escalations, CacheUse cache, CancellationToken cancellationToken)
        {
            try
            {
                return await router.SendAsync(conversation, call, cancellationToken, chain, streaming: true, sink: sink, shared: escalations, cache: cache).ConfigureAwait(false);
            }
            finally
            {
                sink.TryComplete();
            }
        }

        private T? Typed(ReadOnlySpan<byte> value)
        {
            if (JsonExtractor.RelaxedOf(typeInfo) is not JsonTypeInfo<T> relaxed)
            {
                return default;
            }

            try
            {
                return JsonSerializer.Deserialize(value, relaxed);
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException or FormatException or OverflowException)
            {
                return default;
            }
        }
    }
}
