using System.Text.Json;
using PromptGen.Evaluation;
using PromptGen.Validation;

namespace PromptGen.Cli.Tests.TestRunner;

public sealed class SuiteLoadingTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void The_reconstructed_llm_call_suite_loads_with_every_case()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "llm_call-test_prompts.reconstructed.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var expected = json.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList();

        var cases = SuiteParser.Load("test_prompts.json", path);

        Assert.Equal(30, expected.Count);
        Assert.Equal(expected.Select(e => e.GetProperty("test_case_id").GetString()), cases.Select(c => c.Id));
        for (var i = 0; i < cases.Count; i++)
        {
            var config = expected[i].GetProperty("llm_config");
            Assert.Equal(config.GetProperty("model").GetString(), cases[i].Model);
            Assert.NotEmpty(cases[i].Messages);
            var declared = config.TryGetProperty("validation", out var v) ? v.GetArrayLength() : -1;
            var defaultValidate = !config.TryGetProperty("default_validate", out var d) || d.GetBoolean();
            Assert.Equal(declared >= 0 ? declared : defaultValidate ? 1 : 0, cases[i].Rules.Count);
            Assert.Equal(cases[i].Rules.Count, cases[i].RuleNames.Count);
        }

        Assert.Contains(cases, c => c.Messages.Any(m => m.Images.Count > 0));
        Assert.Contains(cases, c => c.Rules.Any(r => r is JudgeRule));
        Assert.Contains(cases, c => c.GivenAnswer is not null && c.Model!.StartsWith("meta-task/", StringComparison.Ordinal));
        Assert.True(cases.Select(c => c.Line).SequenceEqual(cases.Select(c => c.Line).Order()), "lines increase in suite order");
    }

    [Fact]
    public void The_llm_call_dialect_loads_preamble_comments_string_elements_and_python_literals()
    {
        var path = _cli.WriteFile("dialect.json", """
            Test prompts for the v4 runner. Each entry is a [test case].
            Notes: True and False below are Python's.
            [
              "=== section: text ===",
              // a comment line
              { "test_case_id": "a", "description": "True story", "llm_config": { "model": "openai/gpt-4o-mini", "question": "Say True", "default_validate": False } },
              { "test_case_id": "b", "llm_config": { "model": "openai/gpt-4o-mini", "question": "Hi", "retry_config": { "max_attempts": 3, "debug_mode": True },
                "validation": [ { "type": "string_check", "params": { "check": "contains", "value": "None", "case_sensitive": False } } ] } },
            ]
            """);

        var cases = SuiteParser.Load("dialect.json", path);

        Assert.Equal(["a", "b"], cases.Select(c => c.Id));
        Assert.Empty(cases[0].Rules);
        Assert.Equal("Say True", cases[0].Messages[0].Text);
        Assert.Equal("True story", cases[0].Description);
        Assert.Equal(6, cases[0].Line);
        Assert.Equal(["retry_config"], cases[1].Ignored);
        Assert.IsType<ContainsRule>(Assert.Single(cases[1].Rules));
    }

    [Fact]
    public void Malformed_json_names_file_line_column_and_what_was_expected()
    {
        var path = _cli.WriteFile("broken.json", "{\n  \"cases\": [\n    { \"id\": \"a\" \"prompt\": \"x\" }\n  ]\n}\n");

        var error = Assert.Throws<SuiteLoadException>(() => SuiteParser.Load("broken.json", path));

        Assert.StartsWith("broken.json(3,17): error: invalid JSON:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Expected", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("cases:\n  - id: a\n    prompt: [unclosed\n  - id: b\n", @"^broken\.yaml\(\d+,\d+\): error: invalid YAML: .*expected ']'")]
    [InlineData("cases:\n  - id: a\n    prompt: \"x\"\n   rules: []\n", @"^broken\.yaml\(4,\d+\): error: invalid YAML: ")]
    public void Malformed_yaml_names_file_line_and_column(string yaml, string expected)
    {
        var path = _cli.WriteFile("broken.yaml", yaml);

        var error = Assert.Throws<SuiteLoadException>(() => SuiteParser.Load("broken.yaml", path));

        Assert.Matches(expected, error.Message);
    }

    [Fact]
    public void An_unknown_rule_type_fails_the_load_naming_the_case_and_its_line()
    {
        var path = _cli.WriteFile("unknown-rule.json", """
            {
              "cases": [
                { "id": "ok", "prompt": "Hi" },
                { "id": "typo", "prompt": "Hi", "rules": [ { "type": "string_chek", "params": { "check": "contains", "value": "x" } } ] }
              ]
            }
            """);

        var error = Assert.Throws<SuiteLoadException>(() => SuiteParser.Load("unknown-rule.json", path));

        Assert.StartsWith("unknown-rule.json(4,5): error: case 'typo':", error.Message, StringComparison.Ordinal);
        Assert.Contains("string_chek", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown rule type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_and_duplicate_ids_are_errors_not_silently_ignored()
    {
        var typo = _cli.WriteFile("typo.yaml", "cases:\n  - id: a\n    promt: Hi\n");
        var duplicate = _cli.WriteFile("dup.json", """{ "cases": [ { "id": "a", "prompt": "x" }, { "id": "a", "prompt": "y" } ] }""");

        Assert.Contains("unknown field \"promt\"", Assert.Throws<SuiteLoadException>(() => SuiteParser.Load("typo.yaml", typo)).Message, StringComparison.Ordinal);
        Assert.Contains("duplicate case id 'a'", Assert.Throws<SuiteLoadException>(() => SuiteParser.Load("dup.json", duplicate)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_and_json_suites_give_the_same_cases()
    {
        var yaml = _cli.WriteFile("s.yaml", """
            defaults:
              model: openai/gpt-4o-mini
              reasks: 1
            cases:
              - id: one
                tags: [smoke]
                system: Be brief.
                prompt: "What is 2+2?"
                rules:
                  - type: string_check
                    params: { check: max_words, value: 3 }
            """);
        var json = _cli.WriteFile("s.json", """
            { "defaults": { "model": "openai/gpt-4o-mini", "reasks": 1 },
              "cases": [ { "id": "one", "tags": ["smoke"], "system": "Be brief.", "prompt": "What is 2+2?",
                           "rules": [ { "type": "string_check", "params": { "check": "max_words", "value": 3 } } ] } ] }
            """);

        var a = Assert.Single(SuiteParser.Load("s.yaml", yaml));
        var b = Assert.Single(SuiteParser.Load("s.json", json));

        Assert.Equal((b.Id, b.Model, b.Reasks, b.Tags.Single(), b.RuleNames.Single()), (a.Id, a.Model, a.Reasks, a.Tags.Single(), a.RuleNames.Single()));
        Assert.Equal(b.Messages.Select(m => (m.Role, m.Text)), a.Messages.Select(m => (m.Role, m.Text)));
        Assert.Equal(5, a.Line);
    }

    [Fact]
    public void The_sample_suites_load()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        Assert.Equal(9, SuiteParser.Load("capitals.json", Path.Combine(samples, "capitals.json")).Count);
        Assert.Equal(4, SuiteParser.Load("capitals.yaml", Path.Combine(samples, "capitals.yaml")).Count);
        Assert.Equal(4, SuiteParser.Load("llm_call_test_prompts.json", Path.Combine(samples, "llm_call_test_prompts.json")).Count);
    }

    [Fact]
    public void Llm_call_prose_with_a_line_starting_with_a_bracketed_note_still_finds_the_case_array()
    {
        var path = _cli.WriteFile("noted.json", """
            Test prompts.
            [Note] The cases below need an OpenAI key.
            [
              { "test_case_id": "a", "llm_config": { "model": "openai/gpt-4o-mini", "question": "Hi" } }
            ]
            """);

        var cases = SuiteParser.Load("noted.json", path);

        Assert.Equal("a", Assert.Single(cases).Id);
        Assert.Equal(4, cases[0].Line);
    }

    [Fact]
    public void Cases_on_one_minified_line_get_their_own_columns_counted_in_characters()
    {
        // Multi-byte text before each case: columns count UTF-16 characters, as editors do, not bytes.
        var cases = string.Join(",", Enumerable.Range(0, 3).Select(i => $$"""{"id":"c{{i}}","prompt":"héllo 😀 {{i}}"}"""));
        var path = _cli.WriteFile("minified.json", $$"""{"cases":[{{cases}}]}""");

        var loaded = SuiteParser.Load("minified.json", path);

        Assert.Equal([1, 1, 1], loaded.Select(c => c.Line));
        var text = File.ReadAllText(path);
        Assert.Equal(
            loaded.Select(c => text.IndexOf($"{{\"id\":\"{c.Id}\"", StringComparison.Ordinal) + 1),
            loaded.Select(c => c.Column));
    }
}
