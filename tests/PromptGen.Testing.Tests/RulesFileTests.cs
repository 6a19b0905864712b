namespace PromptGen.Testing.Tests;

public class RulesFileTests
{
    [Fact]
    public void Loads_every_documented_field()
    {
        var script = SimulatorScript.FromJson("""
            {
              // comments are allowed
              "defaultReply": "default: {user}",
              "rules": [
                { "model": "gpt-*", "userContains": "capital", "reply": "Paris", "usage": { "input": 10, "output": 2 }, "latencyMs": 5, "times": 1, "protocol": "openai" },
                { "userMatches": "^json", "replyJson": { "ok": true } },
                { "fault": "rateLimited", "retryAfterSeconds": 2 },
              ]
            }
            """);

        Assert.Equal("default: {user}", script.DefaultReply);
        Assert.Collection(
            script.Rules,
            r =>
            {
                Assert.Equal(("gpt-*", "capital", "Paris"), (r.Model, r.UserContains, r.Reply));
                Assert.Equal((10, 2), (r.InputTokens, r.OutputTokens));
                Assert.Equal(TimeSpan.FromMilliseconds(5), r.Latency);
                Assert.Equal(SimulatorProtocol.OpenAI, r.Protocol);
            },
            r => Assert.Equal("""{ "ok": true }""", r.Reply),
            r => Assert.Equal((SimulatorFault.RateLimited, TimeSpan.FromSeconds(2)), (r.Fault!.Value, r.RetryAfter!.Value)));
    }

    [Theory]
    [InlineData("""{"rules":[{"reply":"a","replay":"b"}]}""", "rule 0 has unknown field \"replay\"")]
    [InlineData("""{"rules":[{"model":"m"}]}""", "needs exactly one of \"reply\", \"replyJson\" or \"fault\"")]
    [InlineData("""{"rules":[{"fault":"explode"}]}""", "unknown fault \"explode\"")]
    [InlineData("""{"rules":[{"reply":"a","latencyMs":-1}]}""", "\"latencyMs\" must be a non-negative number")]
    [InlineData("""{"rule":[]}""", "must be an object with a \"rules\" array")]
    [InlineData("""{"rules":[""", "not valid JSON")]
    public void Invalid_rules_name_the_rule_and_the_field(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SimulatorScript.FromJson(json, "my-rules.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("my-rules.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        var error = Assert.Throws<FormatException>(() => SimulatorScript.LoadJson("/nonexistent/rules.json"));

        Assert.Contains("/nonexistent/rules.json", error.Message, StringComparison.Ordinal);
    }
}
