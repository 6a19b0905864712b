using System.Text.Json;

namespace PromptGen.Validation.JsonSchema.Tests;

public class JsonSchemaRuleTests
{
    private static readonly JsonSchemaRule s_invoice = JsonSchemaRule.FromFile("invoice.schema.json");

    [Theory]
    [InlineData("""{"number":"INV-1","total":10.5,"lines":[{"sku":"a"}]}""")]
    [InlineData("Here is the invoice:\n```json\n{\"number\":\"INV-22\",\"total\":0,\"lines\":[{\"sku\":\"b\"}]}\n```")]
    [InlineData("""{"result":{"number":"INV-3","total":1,"lines":[{"sku":"c"}]}}""")]
    public async Task Valid_answers_pass(string answer)
    {
        var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "invoice.schema.json"))).RootElement;

        var result = await s_invoice.ValidateAsync(new ValidationContext(answer, schema), default);

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public async Task Every_violation_is_reported_with_its_path()
    {
        var result = await s_invoice.ValidateAsync(new ValidationContext("""{"number":"42","lines":[{"name":"x"}],"extra":true}"""), default);

        Assert.Contains("$.total: property required (JSON Schema).", result.Errors);
        Assert.Contains("$.number: pattern mismatch (JSON Schema).", result.Errors);
        Assert.Contains(result.Errors, e => e.StartsWith("$.lines[0]", StringComparison.Ordinal) && e.Contains("property required", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("no additional properties allowed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("{\"number\": ")]
    public async Task Non_json_fails_structurally(string answer)
    {
        var result = await s_invoice.ValidateAsync(new ValidationContext(answer), default);

        Assert.False(result.IsValid);
        Assert.Equal(ValidationStage.Structural, s_invoice.Stage);
    }

    [Fact]
    public void Validates_json_elements_and_inline_schemas_and_unicode()
    {
        var rule = JsonSchemaRule.FromJson("""{"type":"array","items":{"type":"array","items":{"type":"string","maxLength":2}}}""");

        Assert.True(rule.Validate(JsonDocument.Parse("""[["東京","🗼"],[]]""").RootElement).IsValid);
        Assert.False(rule.Validate(JsonDocument.Parse("""[["abc"],[1]]""").RootElement).IsValid);
    }

    [Fact]
    public void Bad_schemas_and_missing_files_are_configuration_errors()
    {
        Assert.Throws<ArgumentException>(() => JsonSchemaRule.FromJson("{ nope"));
        var error = Assert.Throws<PromptConfigurationException>(() => JsonSchemaRule.FromFile("missing.schema.json"));
        Assert.Contains("missing.schema.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_llm_call_json_schema_type_parses_through_the_extension()
    {
        using var rules = JsonDocument.Parse("""[{"type":"json_schema","params":{"schema":{"type":"object","required":["id"]}}},{"type":"json_schema","params":{}}]""");

        var first = LlmCallRuleParser.Parse(rules.RootElement[0], JsonSchemaRule.LlmCallExtensions);
        Assert.False(Assert.IsType<JsonSchemaRule>(first).Validate(JsonDocument.Parse("{}").RootElement).IsValid);
        var error = Assert.Throws<PromptConfigurationException>(() => LlmCallRuleParser.ParseAll(rules.RootElement, JsonSchemaRule.LlmCallExtensions));
        Assert.Contains("validation[1] ('json_schema')", error.Message, StringComparison.Ordinal);
    }
}
