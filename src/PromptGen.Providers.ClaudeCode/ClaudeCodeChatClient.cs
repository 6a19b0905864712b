using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>An <see cref="IChatClient"/> over the Claude Code CLI: one process per call, capped by a shared gate.</summary>
internal sealed class ClaudeCodeChatClient(ClaudeCodeOptions settings, ResolvedEndpoint endpoint, string model, ClaudeCodeProcessRunner runner) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new("claude-code", null, ClaudeCodeInvocation.MapModel(model, settings));

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var invocation = ClaudeCodeInvocation.Create(messages, options, model, settings, endpoint, streaming: false);
        var run = await runner.RunAsync(invocation, null, cancellationToken).ConfigureAwait(false);
        return ToResponse(run, invocation);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var invocation = ClaudeCodeInvocation.Create(messages, options, model, settings, endpoint, streaming: true);
        var deltas = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var running = Task.Run(
            async () =>
            {
                try
                {
                    return await runner.RunAsync(invocation, d => deltas.Writer.TryWrite(d), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    deltas.Writer.TryComplete();
                }
            },
            cancellationToken);

        try
        {
            await foreach (var delta in deltas.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, delta) { ModelId = invocation.Model };
            }
        }
        finally
        {
            // Cancelled or abandoned (Ctrl+C): the run still kills the CLI and deletes its scratch directory; wait for
            // that, or a caller that exits right after would leave the directory behind.
            await ((Task)running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var response = ToResponse(await running.ConfigureAwait(false), invocation);
        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = invocation.Model,
            ResponseId = response.ResponseId,
            FinishReason = ChatFinishReason.Stop,
            Contents = response.Usage is { } usage ? [new UsageContent(usage)] : [],
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private ChatResponse ToResponse(ClaudeCodeRun run, ClaudeCodeInvocation invocation)
    {
        if (run.Result is not { } result || run.ExitCode != 0
            || (result.TryGetProperty("is_error", out var isError) && isError.ValueKind == JsonValueKind.True))
        {
            // The CLI's own texts can quote the key it was given ("Incorrect API key provided: sk-ant-..."): the router's
            // redactor learns every credential handed to the process before any text leaves this method.
            foreach (var (name, value) in invocation.Environment)
            {
                if (name.EndsWith("_KEY", StringComparison.Ordinal) || name.EndsWith("_TOKEN", StringComparison.Ordinal))
                {
                    endpoint.Redactor.Add(value);
                }
                else if (name.EndsWith("_URL", StringComparison.Ordinal))
                {
                    endpoint.Redactor.AddUrlCredentials(value);
                }
            }

            throw ClaudeCodeErrors.FromRun(run, runner.Executable, endpoint.Redactor);
        }

        var text = result.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : string.Concat(run.AssistantTexts);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text ?? string.Empty))
        {
            ModelId = invocation.Model,
            ResponseId = run.SessionId,
            FinishReason = ChatFinishReason.Stop,
        };
        if (result.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            var input = Long(usage, "input_tokens");
            var output = Long(usage, "output_tokens");
            response.Usage = new UsageDetails
            {
                InputTokenCount = input,
                OutputTokenCount = output,
                TotalTokenCount = input + output,
                CachedInputTokenCount = Long(usage, "cache_read_input_tokens"),
            };
        }

        if (result.TryGetProperty("total_cost_usd", out var cost) && cost.ValueKind == JsonValueKind.Number)
        {
            (response.AdditionalProperties ??= [])[PromptGenResponseProperties.CostUsd] = cost.GetDecimal();
        }

        return response;
    }

    private static long? Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
}
