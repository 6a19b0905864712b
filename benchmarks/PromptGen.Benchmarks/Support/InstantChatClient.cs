using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PromptGen.Benchmarks;

/// <summary>An <see cref="IChatClient"/> that answers at once with one cached response: no HTTP, only the caller's machinery is measured.</summary>
internal sealed class InstantChatClient : IChatClient
{
    private readonly Task<ChatResponse> _answer;

    public InstantChatClient(string answer = "pong") => _answer = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => _answer;

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield return new ChatResponseUpdate(ChatRole.Assistant, (await _answer.ConfigureAwait(false)).Text);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
