using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using PromptGen.Generated;
using PromptGen.Testing;
using PromptGen.Validation;

namespace PromptGen.Tests.Generated;

public sealed record Chapter(string Name, int Pages);

public sealed record Outline(string Title, string Genre, List<Chapter> Chapters);

[JsonSerializable(typeof(Outline))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class OutlineJson : JsonSerializerContext;

/// <summary>
/// Typed partial streaming over real HTTP against the simulator, on a fake clock: a JSON answer written slowly (a few
/// characters every 250 ms) gives a partial update per member before it ends, and a list item that breaks the schema
/// stops the answer and re-asks before the answer would have ended.
/// </summary>
public class PartialStreamingOverHttpTests
{
    private const int ChunkSize = 6;
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(250);
    private static readonly ChatMessage[] s_ask = [new(ChatRole.User, "Outline a short novel as JSON")];

    private static readonly PromptDescriptor s_outline = new("INovels", "OutlineAsync")
    {
        Model = "openai/gpt-4o-mini",
        Stream = true,
        JsonSchema = """
            {"type":"object","properties":{"title":{"type":"string"},"genre":{"type":"string"},
             "chapters":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"pages":{"type":"integer"}},"required":["name","pages"]}}},
             "required":["title","genre","chapters"]}
            """u8.ToArray(),
        SchemaName = "Outline",
    };

    private const string Good = """{"title": "Dune", "genre": "science fiction", "chapters": [{"name": "Arrakis", "pages": 120}, {"name": "Muad'Dib", "pages": 140}, {"name": "The Prophet", "pages": 90}]}""";

    [Theory]
    [InlineData("openai/gpt-4o-mini", "/v1/chat/completions")]
    [InlineData("anthropic/claude-haiku-4-5", "/v1/messages")]
    [InlineData("ollama/llama3.2", "/v1/chat/completions")]
    public async Task A_slowly_streamed_answer_gives_an_update_per_member_before_it_ends(string model, string endpoint)
    {
        var time = new FakeClock();

        // Ollama speaks the OpenAI wire format (its /v1 API) in JSON mode: the schema goes into the system prompt.
        await using var host = await TestHost.StartAsync(o => o.Provider("ollama").BaseUrl = o.Providers["openai"].BaseUrl, time: time);
        host.Simulator.Script.Always().Reply(Good).WithChunkSize(ChunkSize).WithTokenInterval(s_interval);
        var outline = new PromptDescriptor("INovels", "OutlineAsync") { Model = model, Stream = true, JsonSchema = s_outline.JsonSchema, SchemaName = "Outline" };

        var updates = await ReadAllAsync(time, host, [Good], () => new PromptExecutor(host.Router).StreamJsonAsync(outline, s_ask, OutlineJson.Default.Outline, CancellationToken.None));

        var final = updates[^1].Update;
        Assert.True(final.IsFinal);
        Assert.Equal("Dune", final.Value!.Title);
        Assert.Equal([120, 140, 90], final.Value.Chapters.Select(c => c.Pages));
        var request = Assert.Single(host.Simulator.Requests);
        Assert.True(request.Stream);
        Assert.EndsWith(endpoint, request.Path, StringComparison.Ordinal);
        Assert.Equal(model, final.Result!.ModelId);
        var partials = updates.Where(u => !u.Update.IsFinal).ToList();
        Assert.All(partials, u => Assert.True(u.At < updates[^1].At || u.Update.IsComplete("$")));
        foreach (var (path, check) in new (string, Func<Outline, bool>)[]
        {
            ("$.title", o => o.Title == "Dune"),
            ("$.genre", o => o.Genre == "science fiction"),
            ("$.chapters[0]", o => o.Chapters.Count >= 1 && o.Chapters[0] == new Chapter("Arrakis", 120)),
            ("$.chapters[1]", o => o.Chapters.Count >= 2 && o.Chapters[1] == new Chapter("Muad'Dib", 140)),
        })
        {
            // The member is complete (and right) in an update that arrived before the end of the answer.
            var first = partials.FirstOrDefault(u => u.Update.IsComplete(path));
            Assert.True(first.Update is not null, $"no partial update with {path} complete");
            Assert.True(check(first.Update!.Value!), $"{path} complete but wrong in the partial value");
            Assert.True(first.At < updates[^1].At, $"{path} was complete only at the end");
        }

        // Lists grow item by item, strings are shown as they are written but never complete before their quote.
        Assert.Contains(partials, u => u.Update.Value?.Chapters?.Count == 1);
        Assert.Contains(partials, u => u.Update.Value?.Title is { Length: > 0 and < 4 } && !u.Update.IsComplete("$.title"));
        Assert.All(partials, u => Assert.True(!u.Update.IsComplete("$.title") || u.Update.Value!.Title == "Dune"));
    }

    [Fact]
    public async Task A_rule_broken_by_the_second_list_item_stops_the_answer_and_re_asks_before_it_ends()
    {
        var time = new FakeClock();
        await using var host = await TestHost.StartAsync(time: time);
        var chapters = string.Join(", ", Enumerable.Range(3, 20).Select(i => $$"""{"name": "Part {{i}}", "pages": {{i * 10}}}"""));
        var bad = $$"""{"title": "Dune", "genre": "science fiction", "chapters": [{"name": "Arrakis", "pages": 120}, {"name": "Muad'Dib", "pages": "many"}, {{chapters}}]}""";
        host.Simulator.Script.Always().Reply(bad).WithChunkSize(ChunkSize).WithTokenInterval(s_interval).Times(1);
        host.Simulator.Script.Always().Reply(Good).WithChunkSize(ChunkSize).WithTokenInterval(s_interval);

        var updates = await ReadAllAsync(time, host, [bad, Good], () => new PromptExecutor(host.Router).StreamJsonAsync(s_outline, s_ask, OutlineJson.Default.Outline, CancellationToken.None));

        var final = updates[^1].Update;
        Assert.True(final.IsFinal);
        Assert.Equal(2, final.Attempt);
        Assert.Equal("The Prophet", final.Value!.Chapters[2].Name);

        // The simulator's log: the re-ask arrived long before the bad answer would have ended.
        var requests = host.Simulator.Requests;
        Assert.Equal(2, requests.Count);
        var reaskedAfter = requests[1].ReceivedAt - requests[0].ReceivedAt;
        var badTakes = s_interval * (bad.Length / ChunkSize);
        var stop = bad.IndexOf("\"many\"", StringComparison.Ordinal) + 8;
        Assert.True(reaskedAfter <= s_interval * ((stop / ChunkSize) + 1), $"re-asked {reaskedAfter} after the first request; the bad item ends at delta {stop / ChunkSize}");
        Assert.True(reaskedAfter < badTakes / 2, $"re-asked {reaskedAfter} after the first request; the bad answer takes {badTakes}");
        Assert.Contains("$.chapters[1].pages", requests[1].LastUserText, StringComparison.Ordinal);
        Assert.Contains("\"many\"", requests[1].LastUserText, StringComparison.Ordinal);
        Assert.Equal(3, requests[1].MessageCount);

        // The trace says where the first answer stopped; the second answer's updates start again from nothing.
        Assert.Equal([AttemptKind.Primary, AttemptKind.Reask], final.Result!.Trace.Attempts.Select(a => a.Kind));
        Assert.Equal([AttemptOutcome.Invalid, AttemptOutcome.Succeeded], final.Result.Trace.Attempts.Select(a => a.Outcome));
        var stopped = final.Result.Trace.Attempts[0];
        Assert.StartsWith("Stopped the streamed answer after ", stopped.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("$.chapters[1].pages", Assert.Single(stopped.ValidationErrors), StringComparison.Ordinal);
        Assert.Contains(updates, u => u.Update.Attempt == 1 && u.Update.IsComplete("$.chapters[0]"));
        Assert.DoesNotContain(updates, u => u.Update.Attempt == 1 && u.Update.IsComplete("$.chapters[1]"));
        Assert.Contains(updates, u => u.Update.Attempt == 2 && !u.Update.IsFinal);
    }

    [Fact]
    public async Task A_field_rule_broken_by_the_second_list_item_stops_the_answer_and_re_asks_before_it_ends()
    {
        // The schema lets a chapter leave out its pages; the method's rule does not: [RequiredField("chapters[1].pages")].
        var outline = new PromptDescriptor("INovels", "OutlineAsync")
        {
            Model = "openai/gpt-4o-mini",
            Stream = true,
            JsonSchema = """
                {"type":"object","properties":{"title":{"type":"string"},"genre":{"type":"string"},
                 "chapters":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"pages":{"type":"integer"}},"required":["name"]}}},
                 "required":["title","genre","chapters"]}
                """u8.ToArray(),
            SchemaName = "Outline",
            Rules = [new RequiredFieldRule("chapters[1].pages"), new ContainsRule("Prophet")],
        };
        var time = new FakeClock();
        await using var host = await TestHost.StartAsync(time: time);
        var chapters = string.Join(", ", Enumerable.Range(3, 20).Select(i => $$"""{"name": "Part {{i}}", "pages": {{i * 10}}}"""));
        var bad = $$"""{"title": "Dune", "genre": "science fiction", "chapters": [{"name": "Arrakis", "pages": 120}, {"name": "Muad'Dib"}, {{chapters}}]}""";
        host.Simulator.Script.Always().Reply(bad).WithChunkSize(ChunkSize).WithTokenInterval(s_interval).Times(1);
        host.Simulator.Script.Always().Reply(Good).WithChunkSize(ChunkSize).WithTokenInterval(s_interval);

        var updates = await ReadAllAsync(time, host, [bad, Good], () => new PromptExecutor(host.Router).StreamJsonAsync(outline, s_ask, OutlineJson.Default.Outline, CancellationToken.None));

        var final = updates[^1].Update;
        Assert.True(final.IsFinal);
        Assert.Equal(2, final.Attempt);
        Assert.Equal(140, final.Value!.Chapters[1].Pages);

        // The simulator's log and the fake clock: the re-ask came right after the second item closed, long before the
        // bad answer would have ended (and before the "Contains" rule, which needs the whole answer, could be judged).
        var requests = host.Simulator.Requests;
        Assert.Equal(2, requests.Count);
        var reaskedAfter = requests[1].ReceivedAt - requests[0].ReceivedAt;
        var closes = bad.IndexOf("\"Muad'Dib\"}", StringComparison.Ordinal) + 12;
        Assert.True(reaskedAfter <= s_interval * ((closes / ChunkSize) + 2), $"re-asked {reaskedAfter} after the first request; the second item closes at delta {closes / ChunkSize}");
        Assert.True(reaskedAfter < s_interval * (bad.Length / ChunkSize) / 2, $"re-asked {reaskedAfter} after the first request; the bad answer takes {s_interval * (bad.Length / ChunkSize)}");
        Assert.Contains("'chapters[1].pages'", requests[1].LastUserText, StringComparison.Ordinal);
        Assert.DoesNotContain("Prophet", requests[1].LastUserText, StringComparison.Ordinal);

        // The trace says where and why the first answer stopped.
        var stopped = final.Result!.Trace.Attempts[0];
        Assert.Equal(AttemptOutcome.Invalid, stopped.Outcome);
        Assert.Contains("already breaks RequiredFieldRule", stopped.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'chapters[1].pages'", Assert.Single(stopped.ValidationErrors), StringComparison.Ordinal);
        Assert.Contains(updates, u => u.Update.Attempt == 1 && u.Update.Value?.Chapters is { Count: 2 });
        Assert.DoesNotContain(updates, u => u.Update.Attempt == 1 && u.Update.Value?.Chapters is { Count: > 2 });
    }

    /// <summary>
    /// Reads every update with the fake time it arrived. The clock moves one delta interval at a time, and only once the
    /// caller has read the text sent so far: the simulator sends a delta per interval, so time here is the model's time.
    /// </summary>
    private static async Task<List<(PromptPartial<Outline> Update, DateTimeOffset At)>> ReadAllAsync(FakeClock time, TestHost host, string[] answers, Func<IAsyncEnumerable<PromptPartial<Outline>>> start)
    {
        var updates = new List<(PromptPartial<Outline> Update, DateTimeOffset At)>();
        var arrived = new SemaphoreSlim(0);
        var next = time.WaitForTimerAsync(d => d == s_interval);
        var stream = start();
        var reading = Task.Run(async () =>
        {
            await foreach (var update in stream)
            {
                lock (updates)
                {
                    updates.Add((update, time.GetUtcNow()));
                }

                arrived.Release();
            }
        });
        var (advances, requestStart, requests) = (0, 0, 0);
        bool CaughtUp()
        {
            var count = host.Simulator.Requests.Count;
            if (count != requests)
            {
                (requests, requestStart) = (count, advances);
            }

            var answer = answers[Math.Clamp(count, 1, answers.Length) - 1];
            var sent = Math.Min((advances - requestStart + 1) * ChunkSize, answer.Length);
            lock (updates)
            {
                return updates.Count > 0 && updates[^1].Update.Attempt == count && updates[^1].Update.Text.Length >= sent;
            }
        }

        while (await Task.WhenAny(next, reading) == next)
        {
            while (!CaughtUp() && !reading.IsCompleted)
            {
                await Task.WhenAny(arrived.WaitAsync(), reading);
            }

            next = time.WaitForTimerAsync(d => d == s_interval);
            advances++;
            time.Advance(s_interval);
        }

        await reading;
        return updates;
    }
}
