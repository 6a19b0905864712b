using System.Text.Json;
using PromptGen.Validation;

namespace PromptGen.Tests.Validation;

public class LlmCallRuleParserTests
{
    [Fact]
    public void Every_validation_list_of_the_llm_call_suite_parses()
    {
        using var suite = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Validation", "llm_call-test_prompts.json")));
        var parsed = new List<ResponseRule>();
        foreach (var test in suite.RootElement.EnumerateArray())
        {
            if (test.GetProperty("llm_config").TryGetProperty("validation", out var validation))
            {
                parsed.AddRange(LlmCallRuleParser.ParseAll(validation));
            }
        }

        Assert.Equal(32, parsed.Count);
        Assert.Equal(6, parsed.OfType<NotEmptyRule>().Count());
        Assert.Equal(4, parsed.OfType<JsonRule>().Count());
        Assert.Equal(6, parsed.OfType<RequiredFieldRule>().Count());
        Assert.Single(parsed.OfType<ForbiddenFieldRule>());
        Assert.Equal(8, parsed.OfType<JudgeRule>().Count());
        Assert.Contains(parsed.OfType<JudgeRule>(), j => j.McpConfigJson?.Contains("perplexity-ask", StringComparison.Ordinal) == true);
        Assert.Contains(parsed.OfType<JudgeRule>(), j => j.VerdictField is null && j.RequiredTrueDetails.SequenceEqual(["syntax_ok"]));
        Assert.Contains(parsed.OfType<LengthRule>(), l => l.Min == 50);
        Assert.Contains(parsed.OfType<LengthRule>(), l => l.Max == 150);
        Assert.Contains(parsed.OfType<ContainsRule>(), c => c.Text == "blue" && c.IgnoreCase);
        Assert.Contains(parsed.OfType<ContainsRule>(), c => c.Text == "cat" && !c.IgnoreCase);
        Assert.Single(parsed.OfType<DoesNotContainRule>());
        Assert.Single(parsed.OfType<PatternRule>());
    }

    [Theory]
    [InlineData("""{"type":"made_up"}""", "'made_up') is an unknown rule type; known types: response_not_empty")]
    [InlineData("""{"params":{}}""", "has no \"type\"")]
    [InlineData("""{"type":"field_present","params":{}}""", "needs the parameter \"field_path\"")]
    [InlineData("""{"type":"field_present","params":{"field_path":"a..b"}}""", "bad parameter: Field path 'a..b'")]
    [InlineData("""{"type":"field_present","params":{"field_path":"a","presnt":false}}""", "unknown parameter \"presnt\"")]
    [InlineData("""{"type":"string_check","params":{"check":"contians","value":"x"}}""", "'contians' is not a known check")]
    [InlineData("""{"type":"string_check","params":{"check":"regex","pattern":"(unclosed"}}""", "parameter \"pattern\" is not a valid .NET regular expression")]
    [InlineData("""{"type":"string_check","params":{"check":"min_length","value":"lots"}}""", "parameter \"value\" must be a non-negative whole number")]
    [InlineData("""{"type":"string_check","params":{"check":"contains","value":"x","case_sensitive":"no"}}""", "\"case_sensitive\" must be true or false")]
    [InlineData("""{"type":"response_not_empty","params":{"min":1}}""", "unknown parameter \"min\" (this rule takes no parameters)")]
    [InlineData("""{"type":"agent_task","params":{"task_prompt_to_claude":"x"}}""", "needs the parameter \"validation_model_alias\"")]
    [InlineData("""{"type":"agent_task","params":{"validation_model_alias":"m","task_prompt_to_claude":"x","success_criteria":{}}}""", "needs \"agent_must_report_true\"")]
    [InlineData("""{"type":"json_string","value":1}""", "unknown field \"value\"")]
    [InlineData("\"json_string\"", "must be an object")]
    public void Bad_rules_are_errors_naming_the_type_and_parameter(string json, string expected)
    {
        using var rule = JsonDocument.Parse(json);

        var error = Assert.Throws<PromptConfigurationException>(() => LlmCallRuleParser.Parse(rule.RootElement));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_rule_in_a_list_is_named_by_index_and_extensions_add_types()
    {
        using var rules = JsonDocument.Parse("""[{"type":"json_string"},{"type":"nope"}]""");
        Assert.Contains("validation[1] ('nope')", Assert.Throws<PromptConfigurationException>(() => LlmCallRuleParser.ParseAll(rules.RootElement)).Message, StringComparison.Ordinal);

        var extensions = new Dictionary<string, Func<JsonElement, ResponseRule>> { ["nope"] = _ => new NotEmptyRule() };
        Assert.IsType<NotEmptyRule>(LlmCallRuleParser.ParseAll(rules.RootElement, extensions)[1]);
    }

    [Fact]
    public void Field_present_spellings_and_other_checks()
    {
        static ResponseRule P(string json)
        {
            using var document = JsonDocument.Parse(json);
            return LlmCallRuleParser.Parse(document.RootElement);
        }

        Assert.Equal("user.name", Assert.IsType<RequiredFieldRule>(P("""{"type":"field_present","params":{"field_name":"user.name"}}""")).Path.Text);
        Assert.IsType<ForbiddenFieldRule>(P("""{"type":"field_present","params":{"field_name":"age","should_exist":false}}"""));
        Assert.Equal(1, Assert.IsType<RequiredFieldRule>(P("""{"type":"field_present","params":{"field_name":"n","expected_value":1}}""")).ExpectedValue!.Value.GetInt32());
        Assert.Equal(LengthUnit.Words, Assert.IsType<LengthRule>(P("""{"type":"string_check","params":{"check":"max_words","value":"20"}}""")).Unit);
        Assert.Equal(CodeLanguage.CSharp, Assert.IsType<CodeSyntaxRule>(P("""{"type":"code_syntax","params":{"language":"c#"}}""")).Language);
        Assert.Equal(["a", "b"], Assert.IsType<OneOfRule>(P("""{"type":"string_check","params":{"check":"one_of","values":["a","b"]}}""")).Values);
        Assert.Matches(Assert.IsType<PatternRule>(P("""{"type":"string_check","params":{"check":"regex","value":"^ok$","case_sensitive":false}}""")).Regex, "OK");
    }
}
