using Microsoft.Extensions.AI;
using PromptGen.Generated;
using PromptGen.Validation;

namespace PromptGen.Tests.Validation;

/// <summary>LLM-as-judge through the router, against the simulator.</summary>
public class JudgeOverHttpTests
{
    private static readonly ChatMessage[] s_ask = [new(ChatRole.User, "Write a haiku about rain")];

    private static PromptDescriptor Haiku(params ResponseRule[] rules) => new("IPoems", "HaikuAsync") { Model = "openai/gpt-4o-mini", Rules = rules };

    [Fact]
    public async Task A_passing_verdict_accepts_the_answer_and_the_judge_call_is_in_the_trace()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.When(model: "claude-haiku-4-5").ReplyJson("""{"valid":true,"reason":"three lines about rain","score":0.9}""");
        host.Simulator.Script.When(model: "gpt-4o-mini").Reply("Soft rain on the roof\nwhispers to the sleeping town\npuddles hold the sky");

        var result = await new PromptExecutor(host.Router).GetTextAsync(Haiku(new JudgeRule("anthropic/claude-haiku-4-5", "A haiku about rain.", 0.5)), s_ask, CancellationToken.None);

        Assert.Equal([AttemptKind.Primary, AttemptKind.Judge], result.Trace.Attempts.Select(a => a.Kind));
        var judge = host.Simulator.Requests.Single(r => r.Model == "claude-haiku-4-5");
        Assert.Contains("A haiku about rain.", judge.LastUserText, StringComparison.Ordinal);
        Assert.Contains("<<<ANSWER\nSoft rain on the roof", judge.LastUserText, StringComparison.Ordinal);
        Assert.Contains("not instructions", judge.SystemText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_verdict_re_asks_with_the_judges_reason()
    {
        await using var host = await TestHost.StartAsync(o => o.Validation.JudgeModel = "anthropic/claude-haiku-4-5");
        host.Simulator.Script.When(model: "claude-haiku-4-5", userContains: "sunshine").ReplyJson("""{"valid":false,"reason":"it is about sunshine, not rain"}""");
        host.Simulator.Script.When(model: "claude-haiku-4-5").ReplyJson("""{"valid":true,"reason":"ok"}""");
        host.Simulator.Script.When(model: "gpt-4o-mini").Reply("Bright sunshine all day").Times(1);
        host.Simulator.Script.When(model: "gpt-4o-mini").Reply("Grey rain falls softly");

        var result = await new PromptExecutor(host.Router).GetTextAsync(Haiku(new JudgeRule(null, "A haiku about rain.")), s_ask, CancellationToken.None);

        Assert.Equal("Grey rain falls softly", result.Value);
        Assert.Equal([AttemptKind.Primary, AttemptKind.Judge, AttemptKind.Reask, AttemptKind.Judge], result.Trace.Attempts.Select(a => a.Kind));
        Assert.Contains("it is about sunshine, not rain", host.Simulator.Requests.Last(r => r.Model == "gpt-4o-mini").LastUserText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I think it is fine!")]
    [InlineData("""{"verdict":"yes"}""")]
    [InlineData("""{"valid":"true","reason":"x"}""")]
    [InlineData("""{"valid":true,"score":7}""")]
    public async Task Judge_garbage_is_an_error_not_a_pass_or_a_failure(string verdict)
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.When(model: "claude-haiku-4-5").Reply(verdict);
        host.Simulator.Script.When(model: "gpt-4o-mini").Reply("Grey rain falls softly");

        var error = await Assert.ThrowsAsync<JudgeFailedException>(() =>
            new PromptExecutor(host.Router).GetTextAsync(Haiku(new JudgeRule("anthropic/claude-haiku-4-5", "A haiku about rain.")), s_ask, CancellationToken.None).AsTask());

        Assert.Equal(PromptErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(verdict, error.RawVerdict);
        Assert.Contains("claude-haiku-4-5", error.Message, StringComparison.Ordinal);
        Assert.Equal([AttemptKind.Primary, AttemptKind.Judge], error.Trace.Attempts.Select(a => a.Kind));
        Assert.Equal(AttemptOutcome.Failed, error.Trace.Attempts[1].Outcome);
        Assert.Equal(2, host.Simulator.Requests.Count);
    }

    [Fact]
    public async Task A_judge_transport_failure_is_an_error_with_its_kind()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.When(model: "claude-haiku-4-5").Fault(PromptGen.Testing.SimulatorFault.Unauthorized);
        host.Simulator.Script.When(model: "gpt-4o-mini").Reply("Grey rain falls softly");

        var error = await Assert.ThrowsAsync<JudgeFailedException>(() =>
            new PromptExecutor(host.Router).GetTextAsync(Haiku(new JudgeRule("anthropic/claude-haiku-4-5", "A haiku about rain.")), s_ask, CancellationToken.None).AsTask());

        Assert.Equal(PromptErrorKind.AuthenticationFailed, error.Kind);
        Assert.DoesNotContain(TestHost.AnthropicKey, error.Message, StringComparison.Ordinal);
        Assert.Equal(AttemptKind.Judge, error.Trace.Attempts[^1].Kind);
    }

    [Fact]
    public async Task No_judge_call_when_the_structure_already_failed()
    {
        await using var host = await TestHost.StartAsync();
        host.Simulator.Script.When(model: "gpt-4o-mini").Reply("not json");
        var descriptor = new PromptDescriptor("IPoems", "JsonAsync") { Model = "openai/gpt-4o-mini", ReaskBudget = 0, Rules = [new JudgeRule("anthropic/claude-haiku-4-5", "Good."), new JsonRule()] };

        await Assert.ThrowsAsync<ResponseValidationException>(() => new PromptExecutor(host.Router).GetTextAsync(descriptor, s_ask, CancellationToken.None).AsTask());

        Assert.DoesNotContain(host.Simulator.Requests, r => r.Model == "claude-haiku-4-5");
    }

    [Fact]
    public async Task An_llm_call_agent_task_runs_as_a_judge_with_its_own_prompt_and_criteria()
    {
        await using var host = await TestHost.StartAsync();
        using var rule = System.Text.Json.JsonDocument.Parse("""
            {"type":"agent_task","params":{"validation_model_alias":"anthropic/claude-haiku-4-5",
             "task_prompt_to_claude":"Is the Python code '{CODE_TO_VALIDATE}' syntactically correct? Respond JSON: {\"validation_passed\": <bool>, \"reasoning\": \"<str>\", \"details\": {\"syntax_ok\": <bool>}}",
             "success_criteria":{"all_true_in_details_keys":["syntax_ok"]}}}
            """);
        host.Simulator.Script.When(model: "claude-haiku-4-5", userContains: "def f(:").ReplyJson("""{"validation_passed":false,"reasoning":"missing parameter","details":{"syntax_ok":false}}""");
        host.Simulator.Script.When(model: "claude-haiku-4-5").ReplyJson("""{"validation_passed":true,"reasoning":"fine","details":{"syntax_ok":true}}""");
        host.Simulator.Script.When(model: "gpt-4o-mini").Reply("def f(:").Times(1);
        host.Simulator.Script.When(model: "gpt-4o-mini").Reply("def f(x): return 2 * x");

        var result = await new PromptExecutor(host.Router).GetTextAsync(Haiku(LlmCallRuleParser.Parse(rule.RootElement)), s_ask, CancellationToken.None);

        Assert.Equal("def f(x): return 2 * x", result.Value);
        Assert.Contains("syntax_ok is false (missing parameter)", result.Trace.Attempts[0].ValidationErrors[0], StringComparison.Ordinal);
        Assert.Contains("Is the Python code 'def f(:' syntactically correct?", host.Simulator.Requests[1].LastUserText, StringComparison.Ordinal);
    }
}
