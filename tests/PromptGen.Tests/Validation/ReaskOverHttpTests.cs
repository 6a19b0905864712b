using PromptGen.Testing;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PromptGen.Generated;
using PromptGen.Validation;

namespace PromptGen.Tests.Validation;

public sealed record Book(string Title, string Author, int Year, string? Subtitle = null);

[JsonSerializable(typeof(Book))]
[JsonSerializable(typeof(List<Book>))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class BookJson : JsonSerializerContext;

/// <summary>The re-ask loop over real HTTP against the simulator.</summary>
public class ReaskOverHttpTests
{
    private const string Valid = """{"title":"Dune","author":"Frank Herbert","year":1965}""";

    private static readonly PromptDescriptor s_book = new("IBooks", "FavoriteAsync")
    {
        Model = "openai/gpt-4o-mini",
        JsonSchema = """{"type":"object","properties":{"title":{"type":"string"},"author":{"type":"string"},"year":{"type":"integer"}},"required":["title","author","year"]}"""u8.ToArray(),
        SchemaName = "Book",
    };

    private static readonly ChatMessage[] s_ask = [new(ChatRole.User, "Name a favourite book as JSON")];

    [Fact]
    public async Task Invalid_json_twice_then_valid_succeeds_with_three_attempts_and_the_errors_in_the_repair_requests()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Reply("I think Dune by Frank Herbert.").Times(1);
        host.Simulator.Script.Always().Reply("""{"title":"Dune","author":null}""").Times(1);
        host.Simulator.Script.Always().Reply("```json\n" + Valid + "\n```");

        var result = await new PromptExecutor(host.Router).GetJsonAsync(s_book, s_ask, BookJson.Default.Book, CancellationToken.None);

        Assert.Equal(new Book("Dune", "Frank Herbert", 1965), result.Value);
        Assert.Equal([AttemptKind.Primary, AttemptKind.Reask, AttemptKind.Reask], result.Trace.Attempts.Select(a => a.Kind));
        Assert.Equal([AttemptOutcome.Invalid, AttemptOutcome.Invalid, AttemptOutcome.Succeeded], result.Trace.Attempts.Select(a => a.Outcome));
        Assert.Equal(2, result.Trace.Reasks);
        Assert.Contains("no JSON object", Assert.Single(result.Trace.Attempts[0].ValidationErrors), StringComparison.Ordinal);
        var misfit = Assert.Single(result.Trace.Attempts[1].ValidationErrors);
        Assert.Contains("$.author (line 1, column 26): null is not allowed; give a string.", misfit, StringComparison.Ordinal);
        Assert.Contains("$.year (line 1, column 1): required property \"year\" (an integer) is missing.", misfit, StringComparison.Ordinal);

        var requests = host.Simulator.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(1, requests[0].MessageCount);
        Assert.Contains("no JSON object", requests[1].LastUserText, StringComparison.Ordinal);
        Assert.Contains("\"required\":[\"title\",\"author\",\"year\"]", requests[1].LastUserText, StringComparison.Ordinal);
        Assert.Contains("$.author (line 1, column 26): null is not allowed", requests[2].LastUserText, StringComparison.Ordinal);
        Assert.Contains("required property \"year\"", requests[2].LastUserText, StringComparison.Ordinal);

        // Only the latest failed answer stays in the conversation: prompt, that answer, the repair message.
        Assert.Equal(3, requests[2].MessageCount);
        Assert.DoesNotContain("I think Dune", requests[2].Body, StringComparison.Ordinal);
        Assert.Contains("\\u0022author\\u0022:null", requests[2].Body.Replace("\\\"", "\\u0022", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Always_invalid_throws_with_every_attempt()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Reply("no idea").WithUsage(10, 2);

        var error = await Assert.ThrowsAsync<ResponseValidationException>(() =>
            new PromptExecutor(host.Router).GetJsonAsync(s_book, s_ask, BookJson.Default.Book, CancellationToken.None).AsTask());

        Assert.Equal(3, error.Attempts.Count);
        Assert.All(error.Attempts, a =>
        {
            Assert.Equal("no idea", a.RawText);
            Assert.Equal(10, a.InputTokens);
            Assert.Equal(2, a.OutputTokens);
            Assert.Contains("no JSON object", Assert.Single(a.Errors), StringComparison.Ordinal);
        });
        Assert.Equal(3, error.Trace.Attempts.Count);
        Assert.Equal(PromptErrorKind.ValidationFailed, error.Kind);
        Assert.Contains("IBooks.FavoriteAsync", error.Message, StringComparison.Ordinal);
        Assert.Contains("Reask(MaxReasks", error.Message, StringComparison.Ordinal);
        Assert.Equal("no idea", error.RawText);
    }

    [Fact]
    public async Task The_budget_comes_from_the_descriptor_then_the_options_and_is_separate_from_transport_retries()
    {
        await using var host = await TestHost.StartAsync(o =>
        {
            o.Validation.MaxReasks = 5;
            o.Retry = new RetryOptions { MaxRetries = 1, BaseDelay = TimeSpan.Zero, UseJitter = false };
        });
        host.Simulator.Script.Always().Fault(PromptGen.Testing.SimulatorFault.ServiceUnavailable).Times(1);
        host.Simulator.Script.Always().Reply("nope");
        var once = new PromptDescriptor("IBooks", "OnceAsync") { Model = "openai/gpt-4o-mini", ReaskBudget = 1, Rules = [new ContainsRule("yes")] };

        var error = await Assert.ThrowsAsync<ResponseValidationException>(() => new PromptExecutor(host.Router).GetTextAsync(once, s_ask, CancellationToken.None).AsTask());

        Assert.Equal(2, error.Attempts.Count);
        Assert.Equal([AttemptKind.Primary, AttemptKind.Retry, AttemptKind.Reask], error.Trace.Attempts.Select(a => a.Kind));
        Assert.Equal(1, error.Trace.Retries);
        Assert.Equal(1, error.Trace.Reasks);

        host.Simulator.Script.Clear();
        host.Simulator.Script.Always().Reply("nope");
        var zero = new PromptDescriptor("IBooks", "ZeroAsync") { Model = "openai/gpt-4o-mini", ReaskBudget = 0, Rules = [new ContainsRule("yes")] };
        Assert.Single((await Assert.ThrowsAsync<ResponseValidationException>(() => new PromptExecutor(host.Router).GetTextAsync(zero, s_ask, CancellationToken.None).AsTask())).Attempts);
    }

    [Fact]
    public async Task Text_rules_re_ask_until_valid()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Reply("The cat sat.").Times(1);
        host.Simulator.Script.Always().Reply("The cat with soft fur sat on the warm mat all afternoon long, purring.");
        var descriptor = new PromptDescriptor("ICats", "DescribeAsync")
        {
            Model = "anthropic/claude-haiku-4-5",
            Rules = [new NotEmptyRule(), new ContainsRule("cat"), new ContainsRule("fur"), new LengthRule(50, int.MaxValue)],
        };

        var result = await new PromptExecutor(host.Router).GetTextAsync(descriptor, s_ask, CancellationToken.None);

        Assert.StartsWith("The cat with soft fur", result.Value, StringComparison.Ordinal);
        Assert.Equal(2, result.Trace.Attempts[0].ValidationErrors.Count);
        var repair = host.Simulator.Requests[1].LastUserText!;
        Assert.Contains("must contain \"fur\"", repair, StringComparison.Ordinal);
        Assert.Contains("at least 50 characters", repair, StringComparison.Ordinal);
        Assert.DoesNotContain("JSON schema", repair, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_escalation_handler_gets_its_turn_before_the_exception()
    {
        var handler = new Handler(EscalationDecision.Supply(Valid));
        await using var host = await TestHost.StartAsync(services: s => s.AddSingleton<IEscalationHandler>(handler));
        host.Simulator.Script.Always().Reply("nope");

        var result = await new PromptExecutor(host.Router).GetJsonAsync(s_book, s_ask, BookJson.Default.Book, CancellationToken.None);

        Assert.Equal("Dune", result.Value.Title);
        Assert.Equal("escalation/handler", result.ModelId);
        var request = Assert.Single(handler.Requests);
        Assert.True(request.Exhausted);
        Assert.Equal(3, Assert.IsType<ResponseValidationException>(request.LastError).Attempts.Count);
        Assert.Equal(AttemptKind.Escalation, result.Trace.Attempts[^1].Kind);
    }

    [Fact]
    public async Task The_handler_can_send_the_call_to_another_model()
    {
        var handler = new Handler(EscalationDecision.RetryWithModel("anthropic/claude-sonnet-4-5"));
        await using var host = await TestHost.StartAsync(services: s => s.AddSingleton<IEscalationHandler>(handler));
        host.Simulator.Script.When(model: "gpt-*").Reply("nope");
        host.Simulator.Script.When(model: "claude-*").Reply(Valid);

        var result = await new PromptExecutor(host.Router).GetJsonAsync(s_book, s_ask, BookJson.Default.Book, CancellationToken.None);

        Assert.Equal("anthropic/claude-sonnet-4-5", result.ModelId);
        Assert.Equal(AttemptKind.Escalation, result.Trace.Attempts[^1].Kind);
        Assert.Equal(4, result.Trace.Attempts.Count);
    }

    [Fact]
    public async Task Transport_and_validation_escalations_share_one_budget()
    {
        // The router consults the handler when every route fails; the re-ask loop when no answer is valid. One budget.
        var handler = new Handler(EscalationDecision.RetryWithModel("anthropic/claude-sonnet-4-5"));
        await using var host = await TestHost.StartAsync(services: s => s.AddSingleton<IEscalationHandler>(handler));
        host.Simulator.Script.When(model: "gpt-*").Fault(SimulatorFault.ServerError);
        host.Simulator.Script.When(model: "claude-*").Reply("nope");
        var options = new PromptCallOptions { Escalation = new EscalationOptions { MaxEscalations = 1 } };

        var error = await Assert.ThrowsAsync<ResponseValidationException>(async () =>
            await new PromptExecutor(host.Router).GetJsonAsync(s_book, s_ask, BookJson.Default.Book, options, CancellationToken.None));

        var request = Assert.Single(handler.Requests);
        Assert.IsType<ProviderUnavailableException>(request.LastError);
        Assert.All(error.Attempts, a => Assert.Equal("anthropic/claude-sonnet-4-5", a.ModelId));
    }

    [Fact]
    public async Task A_per_call_json_policy_overrides_the_method_and_configuration()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.Always().Reply("""{"title":"Dune","author":"Frank Herbert","year":1965,}""");
        var executor = new PromptExecutor(host.Router);

        var repaired = await executor.GetJsonAsync(s_book, s_ask, BookJson.Default.Book, CancellationToken.None);
        var strict = await Assert.ThrowsAsync<ResponseValidationException>(async () =>
            await executor.GetJsonAsync(s_book, s_ask, BookJson.Default.Book, new PromptCallOptions { JsonPolicy = JsonParsePolicy.Strict }, CancellationToken.None));

        Assert.Equal("Dune", repaired.Value.Title);
        Assert.Single(repaired.Trace.Attempts);
        Assert.NotEmpty(strict.Attempts);
    }

    private sealed class Handler(EscalationDecision decision) : IEscalationHandler
    {
        public List<EscalationRequest> Requests { get; } = [];

        public ValueTask<EscalationDecision> EscalateAsync(EscalationRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return ValueTask.FromResult(decision);
        }
    }
}
