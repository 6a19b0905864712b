using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>Creates Claude Code clients; every client of one factory shares its process cap.</summary>
internal sealed class ClaudeCodeChatClientFactory(ClaudeCodeOptions options) : IChatClientFactory
{
    private readonly ClaudeCodeProcessRunner _runner = new(options, new SemaphoreSlim(Math.Max(1, options.MaxConcurrentProcesses)));

    public string Kind => ProviderKinds.ClaudeCode;

    public string PackageName => "PromptGen.Providers.ClaudeCode";

    public IChatClient CreateClient(ResolvedEndpoint endpoint, string model) => new ClaudeCodeChatClient(options, endpoint, model, _runner);
}
