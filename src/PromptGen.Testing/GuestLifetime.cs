using Microsoft.Extensions.Hosting;

namespace PromptGen.Testing;

/// <summary>A host lifetime that leaves process signals to the host program (the default console lifetime would consume them).</summary>
internal sealed class GuestLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
