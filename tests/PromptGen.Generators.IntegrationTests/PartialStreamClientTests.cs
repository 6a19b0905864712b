namespace PromptGen.Generators.IntegrationTests;

/// <summary>
/// A generated method returning <c>IAsyncEnumerable&lt;PromptPartial&lt;T&gt;&gt;</c>, called over real HTTP against the
/// simulator: the typed value fills in as the answer streams, the last update is the validated result, per-call options
/// reach the call, and a rule the part already written breaks stops the answer and re-asks.
/// </summary>
public sealed class PartialStreamClientTests : IAsyncLifetime
{
    private const string Lisbon = """{"city":"Lisbon","stops":["Belem","Alfama","LX Factory"],"pace":"Relaxed","note":null}""";

    private Host _host = null!;

    public async Task InitializeAsync() => _host = await Host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_typed_value_fills_in_as_the_answer_streams_and_the_last_update_is_the_validated_result()
    {
        _host.Simulator.Script.Always().Reply(Lisbon).WithChunkSize(4);

        var updates = new List<PromptPartial<Itinerary>>();
        await foreach (var update in _host.Client.PlanLiveAsync("Lisbon", 2, ["food"]))
        {
            updates.Add(update);
        }

        var final = updates[^1];
        Assert.True(final.IsFinal);
        Assert.Equal(["Belem", "Alfama", "LX Factory"], final.Value!.Stops);
        Assert.Equal(Pace.Relaxed, final.Result!.Value.Pace);
        Assert.Equal("openai/gpt-4o-mini", final.Result.ModelId);
        Assert.All(updates.Take(updates.Count - 1), u =>
        {
            Assert.False(u.IsFinal);
            Assert.Equal(1, u.Attempt);
            Assert.StartsWith(u.Text, Lisbon, StringComparison.Ordinal);
            Assert.True(!u.IsComplete("$.city") || u.Value!.City == "Lisbon");
        });
        Assert.NotEmpty(updates.Take(updates.Count - 1));

        // One streamed request with the method's rendered prompt and its strict schema.
        var request = Assert.Single(_host.Simulator.Requests);
        Assert.True(request.Stream);
        Assert.StartsWith("Plan 2 days in Lisbon", request.LastUserText, StringComparison.Ordinal);
        Assert.True(request.BodyJson!.Value.GetProperty("response_format").GetProperty("json_schema").GetProperty("strict").GetBoolean());
    }

    [Fact]
    public async Task A_rule_broken_by_the_part_written_stops_the_answer_and_re_asks_with_per_call_options()
    {
        var bad = """{"city":"Paris","stops":["Louvre","Disneyland","Orsay","Marais","Montmartre"],"pace":"Busy","note":"long day"}""";
        _host.Simulator.Script.Always().Reply(bad).WithChunkSize(4).Times(1);
        _host.Simulator.Script.Always().Reply("""{"city":"Paris","stops":["Louvre","Orsay"],"pace":"Busy","note":null}""").WithChunkSize(4);

        var updates = new List<PromptPartial<Itinerary>>();
        await foreach (var update in _host.Client.PlanLiveAsync("Paris", 1, ["art"], new PromptCallOptions { Model = "anthropic/claude-haiku-4-5" }))
        {
            updates.Add(update);
        }

        var final = updates[^1];
        Assert.Equal(2, final.Attempt);
        Assert.Equal(["Louvre", "Orsay"], final.Value!.Stops);
        Assert.Equal("anthropic/claude-haiku-4-5", final.Result!.ModelId);
        Assert.All(_host.Simulator.Requests, r => Assert.Equal("claude-haiku-4-5", r.Model));
        Assert.Equal(2, _host.Simulator.Requests.Count);
        Assert.Contains("no theme parks", _host.Simulator.Requests[1].LastUserText, StringComparison.Ordinal);

        // Stopped mid-stream by the rule (the whole-answer check would not say "Stopped"), and said so in the trace.
        var stopped = final.Result.Trace.Attempts[0];
        Assert.Equal(AttemptOutcome.Invalid, stopped.Outcome);
        Assert.Contains("already breaks DoesNotContainRule", stopped.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(updates, u => u.Attempt == 1 && u.Text.Contains("Disneyland", StringComparison.Ordinal));
    }
}
