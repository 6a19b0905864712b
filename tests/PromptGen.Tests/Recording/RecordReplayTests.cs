using System.Text;
using Microsoft.Extensions.AI;

namespace PromptGen.Tests.Recording;

/// <summary>
/// Record and replay on the route's client: a run recorded against the simulator is answered from the recording with
/// the simulator stopped and no API key, for every protocol and for streamed calls; secrets never reach the files; a
/// request with no recording, a corrupt file and an edited request are errors that say which and why.
/// </summary>
public sealed class RecordReplayTests : IDisposable
{
    private const string PlantedSecret = "planted-header-secret-4242";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "promptgen-recording-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_recorded_run_replays_with_the_simulator_stopped_and_no_key()
    {
        var recorded = new List<string>();
        await using (var host = await TestHost.StartAsync(o => Record(o)))
        {
            host.Simulator.Script.When(model: "gpt-4o-mini", userContains: "capital").Reply("Paris").WithUsage(12, 3);
            host.Simulator.Script.When(model: "claude-haiku-4-5").Reply("Bonjour").WithUsage(7, 2);
            host.Simulator.Script.When(model: "gpt-4o").Reply("a streamed answer in pieces");
            recorded.Add((await host.Router.GetResponseAsync(Ask("What is the capital of France?"), new PromptCallOptions { Model = "openai/gpt-4o-mini" })).Value.Text);
            recorded.Add((await host.Router.GetResponseAsync(Ask("Say hello"), new PromptCallOptions { Model = "anthropic/claude-haiku-4-5" })).Value.Text);
            recorded.Add(await StreamAsync(host.Router, "Stream something", "openai/gpt-4o"));
            Assert.Equal(3, host.Simulator.Requests.Count);
            Assert.Equal(3, host.Router.Recorder.Recorded);
        }

        await using var replay = await TestHost.StartAsync(o => Replay(o), pointProvidersAtSimulator: false);
        var replayed = new List<string>
        {
            (await replay.Router.GetResponseAsync(Ask("What is the capital of France?"), new PromptCallOptions { Model = "openai/gpt-4o-mini" })).Value.Text,
            (await replay.Router.GetResponseAsync(Ask("Say hello"), new PromptCallOptions { Model = "anthropic/claude-haiku-4-5" })).Value.Text,
            await StreamAsync(replay.Router, "Stream something", "openai/gpt-4o"),
        };

        Assert.Equal(["Paris", "Bonjour", "a streamed answer in pieces"], recorded);
        Assert.Equal(recorded, replayed);
        Assert.Equal(3, replay.Router.Recorder.Replayed);
        Assert.Empty(replay.Simulator.Requests);
    }

    [Fact]
    public async Task Usage_is_replayed_and_the_file_is_readable_json()
    {
        await using (var host = await TestHost.StartAsync(o => Record(o)))
        {
            host.Simulator.Script.When(model: "gpt-4o-mini").Reply("Paris").WithUsage(12, 3);
            await host.Router.GetResponseAsync(Ask("What is the capital of France?"), new PromptCallOptions { Model = "openai/gpt-4o-mini" });
        }

        var file = Assert.Single(Directory.GetFiles(_directory, "*.json"));
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("\"format\": \"promptgen-recording/1\"", text, StringComparison.Ordinal);
        Assert.Contains("\"text\": \"What is the capital of France?\"", text, StringComparison.Ordinal);
        Assert.Contains("\"latencyMs\"", text, StringComparison.Ordinal);

        await using var replay = await TestHost.StartAsync(o => Replay(o), pointProvidersAtSimulator: false);
        var result = await replay.Router.GetResponseAsync(Ask("What is the capital of France?"), new PromptCallOptions { Model = "openai/gpt-4o-mini" });
        Assert.Equal(12, result.Value.Usage?.InputTokenCount);
        Assert.Equal(3, result.Value.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Secrets_never_reach_the_recording()
    {
        await using (var host = await TestHost.StartAsync(o =>
        {
            Record(o);
            o.Redactor.Add(PlantedSecret);
        }))
        {
            host.Simulator.Script.When(model: "gpt-4o-mini").Reply($"echo {PlantedSecret} and {TestHost.OpenAIKey}");
            await host.Router.GetResponseAsync(Ask($"my key is {TestHost.OpenAIKey}, header {PlantedSecret}"), new PromptCallOptions { Model = "openai/gpt-4o-mini" });
        }

        var all = string.Concat(Directory.GetFiles(_directory, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.Contains(Secret.Redacted, all, StringComparison.Ordinal);
        Assert.DoesNotContain(TestHost.OpenAIKey, all, StringComparison.Ordinal);
        Assert.DoesNotContain(PlantedSecret, all, StringComparison.Ordinal);
        Assert.DoesNotContain("PLANTED", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_prompt_is_an_error_naming_the_scope_and_the_first_difference_never_a_live_call()
    {
        await using (var host = await TestHost.StartAsync(o => Record(o)))
        {
            host.Simulator.Script.When(model: "gpt-4o-mini").Reply("Paris");
            using (ChatRecorder.BeginScope("capital_france#1"))
            {
                await host.Router.GetResponseAsync(Ask("What is the capital of France?"), new PromptCallOptions { Model = "openai/gpt-4o-mini" });
            }
        }

        await using var replay = await TestHost.StartAsync(o => Replay(o));
        replay.Simulator.Script.When(model: "gpt-4o-mini").Reply("a live answer");
        using var scope = ChatRecorder.BeginScope("capital_france#1");
        var error = await Assert.ThrowsAsync<PromptConfigurationException>(() =>
            replay.Router.GetResponseAsync(Ask("What is the capital of Germany?"), new PromptCallOptions { Model = "openai/gpt-4o-mini" }));

        Assert.Contains("'capital_france#1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("request.messages[1].contents[0].text differs", error.Message, StringComparison.Ordinal);
        Assert.Contains("France?", error.Message, StringComparison.Ordinal);
        Assert.Contains("Germany?", error.Message, StringComparison.Ordinal);
        Assert.Contains("record again", error.Message, StringComparison.Ordinal);
        Assert.Empty(replay.Simulator.Requests);
    }

    [Fact]
    public async Task Repeated_requests_get_their_answers_in_recorded_order_and_one_more_is_an_error()
    {
        await using (var host = await TestHost.StartAsync(o => Record(o)))
        {
            host.Simulator.Script.When(model: "gpt-4o-mini").Reply("first").Times(1);
            host.Simulator.Script.When(model: "gpt-4o-mini").Reply("second");
            await host.Router.GetResponseAsync(Ask("again"), new PromptCallOptions { Model = "openai/gpt-4o-mini" });
            await host.Router.GetResponseAsync(Ask("again"), new PromptCallOptions { Model = "openai/gpt-4o-mini" });
        }

        Assert.Single(Directory.GetFiles(_directory, "*.json"));
        await using var replay = await TestHost.StartAsync(o => Replay(o), pointProvidersAtSimulator: false);
        Assert.Equal("first", (await replay.Router.GetResponseAsync(Ask("again"), new PromptCallOptions { Model = "openai/gpt-4o-mini" })).Value.Text);
        Assert.Equal("second", (await replay.Router.GetResponseAsync(Ask("again"), new PromptCallOptions { Model = "openai/gpt-4o-mini" })).Value.Text);
        var error = await Assert.ThrowsAsync<PromptConfigurationException>(() => replay.Router.GetResponseAsync(Ask("again"), new PromptCallOptions { Model = "openai/gpt-4o-mini" }));
        Assert.Contains("holds 2 answer(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_recording_is_an_error_naming_the_file()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "broken.json");
        await File.WriteAllTextAsync(path, "{ \"format\": \"promptgen-recording/1\", \"exchanges\": [ ");

        var error = await Assert.ThrowsAsync<PromptConfigurationException>(() => TestHost.StartAsync(o => Replay(o), pointProvidersAtSimulator: false));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be replayed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_request_is_an_error_but_an_edited_response_is_replayed()
    {
        await using (var host = await TestHost.StartAsync(o => Record(o)))
        {
            host.Simulator.Script.When(model: "gpt-4o-mini").Reply("Paris");
            await host.Router.GetResponseAsync(Ask("What is the capital of France?"), new PromptCallOptions { Model = "openai/gpt-4o-mini" });
        }

        var file = Assert.Single(Directory.GetFiles(_directory, "*.json"));
        var original = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, original.Replace("\"text\": \"Paris\"", "\"text\": \"Paris (reviewed)\"", StringComparison.Ordinal));
        await using (var replay = await TestHost.StartAsync(o => Replay(o), pointProvidersAtSimulator: false))
        {
            Assert.Equal("Paris (reviewed)", (await replay.Router.GetResponseAsync(Ask("What is the capital of France?"), new PromptCallOptions { Model = "openai/gpt-4o-mini" })).Value.Text);
        }

        await File.WriteAllTextAsync(file, original.Replace("capital of France", "capital of Spain", StringComparison.Ordinal));
        var error = await Assert.ThrowsAsync<PromptConfigurationException>(() => TestHost.StartAsync(o => Replay(o), pointProvidersAtSimulator: false));
        Assert.Contains("was edited", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_is_configured_from_the_PromptGen_section()
    {
        await using (var host = await TestHost.StartAsync(o => Record(o)))
        {
            host.Simulator.Script.When(model: "gpt-4o-mini").Reply("from config");
            await host.Router.GetResponseAsync(Ask("hi"), new PromptCallOptions { Model = "openai/gpt-4o-mini" });
        }

        await using var replay = await TestHost.StartAsync(
            o => o.Provider("openai").BaseUrl = "http://127.0.0.1:1/v1",
            configuration: new Dictionary<string, string?> { ["PromptGen:Recording:Mode"] = "replay", ["PromptGen:Recording:Directory"] = _directory },
            pointProvidersAtSimulator: false);
        Assert.Equal(ChatRecordingMode.Replay, replay.Router.Recorder.Mode);
        Assert.Equal("from config", (await replay.Router.GetResponseAsync(Ask("hi"), new PromptCallOptions { Model = "openai/gpt-4o-mini" })).Value.Text);

        var bad = await Assert.ThrowsAsync<PromptConfigurationException>(() => TestHost.StartAsync(
            configuration: new Dictionary<string, string?> { ["PromptGen:Recording:Mode"] = "rewind" }));
        Assert.Contains("PromptGen:Recording:Mode", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_registered_in_code_can_be_replayed_by_an_application_test()
    {
        var recorder = new ChatRecorder(new ChatRecordingOptions { Mode = ChatRecordingMode.Record, Directory = _directory });
        using (var echo = recorder.Wrap(new EchoChatClient(), "local/echo"))
        {
            await echo.GetResponseAsync([new ChatMessage(ChatRole.User, "ping")]);
        }

        var replayer = new ChatRecorder(new ChatRecordingOptions { Mode = ChatRecordingMode.Replay, Directory = _directory });
        using var client = replayer.Wrap(new ThrowingChatClient(), "local/echo");
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "ping")]);

        Assert.Contains("ping", response.Text, StringComparison.Ordinal);
        Assert.Equal(1, replayer.Replayed);
    }

    private static List<ChatMessage> Ask(string question) => [new(ChatRole.System, "Answer briefly."), new(ChatRole.User, question)];

    private static async Task<string> StreamAsync(PromptRouter router, string question, string model)
    {
        var text = new StringBuilder();
        await foreach (var update in router.GetStreamingResponseAsync(Ask(question), new PromptCallOptions { Model = model }))
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }

    private void Record(PromptGenOptions options)
    {
        options.Recording.Mode = ChatRecordingMode.Record;
        options.Recording.Directory = _directory;
    }

    private void Replay(PromptGenOptions options)
    {
        options.Recording.Mode = ChatRecordingMode.Replay;
        options.Recording.Directory = _directory;
        options.Provider("openai").BaseUrl ??= "http://127.0.0.1:1/v1";
        options.Provider("anthropic").BaseUrl ??= "http://127.0.0.1:1";
    }

    /// <summary>A client that must never be called: replay answers without it.</summary>
    private sealed class ThrowingChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("replay called the model");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("replay called the model");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
