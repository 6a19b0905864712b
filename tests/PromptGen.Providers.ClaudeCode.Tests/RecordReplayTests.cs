using Microsoft.Extensions.AI;

namespace PromptGen.Providers.ClaudeCode.Tests;

/// <summary>max/* is recorded and replayed like every provider: the recorder sits on the route's client, above the CLI process.</summary>
public sealed class RecordReplayTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "promptgen-max-recording-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Max_calls_plain_and_streamed_replay_without_the_cli()
    {
        string plain;
        string streamed;
        await using (var host = await ClaudeHost.StartAsync(promptGen: o => o.Recording = new ChatRecordingOptions { Mode = ChatRecordingMode.Record, Directory = _directory }))
        {
            host.Simulator.Script.When(userContains: "capital").Reply("Paris").WithUsage(11, 7);
            host.Simulator.Script.When(userContains: "count").Reply("one two three").WithUsage(4, 3);
            plain = (await host.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "What is the capital of France?")], new PromptCallOptions { Model = "max/haiku" })).Value.Text;
            streamed = string.Concat((await host.Router.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "count")], new PromptCallOptions { Model = "max/haiku" }).ToListAsync()).Select(u => u.Text));
            Assert.Equal(2, host.Posts.Count());
        }

        // The CLI is gone: a live call would fail with "install the CLI"; the replay never starts it.
        await using var replay = await ClaudeHost.StartAsync(
            configure: o => o.ExecutablePath = "/nonexistent/claude",
            promptGen: o => o.Recording = new ChatRecordingOptions { Mode = ChatRecordingMode.Replay, Directory = _directory });
        var again = await replay.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "What is the capital of France?")], new PromptCallOptions { Model = "max/haiku" });
        var updates = await replay.Router.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "count")], new PromptCallOptions { Model = "max/haiku" }).ToListAsync();

        Assert.Equal("Paris", plain);
        Assert.Equal("one two three", streamed);
        Assert.Equal(plain, again.Value.Text);
        Assert.Equal(11, again.Usage!.InputTokenCount);
        Assert.Equal(streamed, string.Concat(updates.Select(u => u.Text)));
        Assert.Empty(replay.Posts);
        Assert.Equal(2, replay.Router.Recorder.Replayed);
    }
}
