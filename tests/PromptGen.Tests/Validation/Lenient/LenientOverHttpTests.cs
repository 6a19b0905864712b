using System.Text;
using Microsoft.Extensions.AI;
using PromptGen.Generated;
using PromptGen.Validation;

namespace PromptGen.Tests.Validation.Lenient;

/// <summary>Typed calls over real HTTP against the simulator: almost-JSON answers read without a re-ask, ambiguity re-asked.</summary>
public class LenientOverHttpTests
{
    private static readonly PromptDescriptor s_ticket = new("ITickets", "TriageAsync")
    {
        Model = "openai/gpt-4o-mini",
        JsonSchema = Encoding.UTF8.GetBytes(JsonExtractor.SchemaOf(TicketJson.Default.Ticket).GetRawText()),
        SchemaName = "Ticket",
    };

    private static readonly ChatMessage[] s_ask = [new(ChatRole.User, "Triage: the printer is on fire")];

    [Fact]
    public async Task Trailing_commas_and_an_enum_in_the_wrong_case_are_read_without_a_re_ask_and_traced()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Reply("""
            ```json
            {"title": "Printer on fire", "priority": "high", "tags": ["hardware", "fire",], "count": 2,}
            ```
            """);

        var result = await new PromptExecutor(host.Router).GetJsonAsync(s_ticket, s_ask, TicketJson.Default.Ticket, CancellationToken.None);

        Assert.Equal(Priority.High, result.Value.Priority);
        Assert.Equal(["hardware", "fire"], result.Value.Tags);
        Assert.Single(host.Simulator.Requests);
        var attempt = Assert.Single(result.Trace.Attempts);
        Assert.Equal(AttemptOutcome.Succeeded, attempt.Outcome);
        Assert.Contains(attempt.Repairs, r => r.Kind == JsonRepairKind.Coercion && r.Path == "$.priority" && r.Description == "\"high\" read as \"High\"");
        Assert.Equal(2, attempt.Repairs.Count(r => r.Description.StartsWith("trailing comma", StringComparison.Ordinal)));
        Assert.Equal(attempt.Repairs, result.Repairs);
        Assert.Contains("\"path\": \"$.priority\"", result.Trace.ToJson(), StringComparison.Ordinal);
        Assert.Contains("JSON repair(s)", attempt.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ambiguous_enum_re_asks_with_the_allowed_members()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Reply("""{"title": "Printer", "priority": "high or low", "tags": [], "count": 1}""").Times(1);
        host.Simulator.Script.Always().Reply("""{"title": "Printer", "priority": "Low", "tags": [], "count": 1}""");

        var result = await new PromptExecutor(host.Router).GetJsonAsync(s_ticket, s_ask, TicketJson.Default.Ticket, CancellationToken.None);

        Assert.Equal(Priority.Low, result.Value.Priority);
        Assert.Equal([AttemptKind.Primary, AttemptKind.Reask], result.Trace.Attempts.Select(a => a.Kind));
        var reask = host.Simulator.Requests[1].LastUserText;
        Assert.Contains("$.priority (line 1, column 34)", reask, StringComparison.Ordinal);
        Assert.Contains("it is ambiguous. Allowed: \"Low\", \"Medium\", \"High\", \"très urgent\"", reask, StringComparison.Ordinal);
        Assert.Empty(result.Repairs);
    }

    [Fact]
    public async Task The_strict_policy_of_a_method_re_asks_what_the_default_repairs()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Reply("""{"title": "Printer", "priority": "High", "tags": [], "count": 1,}""").Times(1);
        host.Simulator.Script.Always().Reply("""{"title": "Printer", "priority": "High", "tags": [], "count": 1}""");
        var strict = new PromptDescriptor("ITickets", "StrictAsync") { Model = s_ticket.Model, JsonSchema = s_ticket.JsonSchema, JsonPolicy = JsonParsePolicy.Strict };

        var result = await new PromptExecutor(host.Router).GetJsonAsync(strict, s_ask, TicketJson.Default.Ticket, CancellationToken.None);

        Assert.Equal(2, host.Simulator.Requests.Count);
        Assert.Contains("line 1, column 64: trailing comma", host.Simulator.Requests[1].LastUserText, StringComparison.Ordinal);
        Assert.Equal(1, result.Value.Count);
    }

    [Fact]
    public async Task The_simulator_honours_the_schema_only_when_told_to()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Reply("Here: {title: 'Printer', priority: 'high', tags: 'hardware', count: '2',}");
        var executor = new PromptExecutor(host.Router);

        var ignored = await executor.GetJsonAsync(s_ticket, s_ask, TicketJson.Default.Ticket, CancellationToken.None);
        host.Simulator.HonourResponseFormat = true;
        var honoured = await executor.GetJsonAsync(s_ticket, s_ask, TicketJson.Default.Ticket, CancellationToken.None);

        Assert.Equal(ignored.Value.Priority, honoured.Value.Priority);
        Assert.NotEmpty(ignored.Repairs);
        Assert.Empty(honoured.Repairs);
        Assert.Equal("""{"title":"Printer","priority":"High","tags":["hardware"],"count":2}""", honoured.RawText);
        Assert.All(host.Simulator.Requests, r => Assert.Equal("object", r.ResponseSchema?.GetProperty("type").GetString()));
    }
}
