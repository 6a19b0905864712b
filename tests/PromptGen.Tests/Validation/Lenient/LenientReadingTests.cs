using System.Text.Json;
using Microsoft.Extensions.Configuration;
using PromptGen.Validation;

namespace PromptGen.Tests.Validation.Lenient;

/// <summary>Repairs, coercions and the policy: every change recorded, never a silent wrong value.</summary>
public class LenientReadingTests
{
    private static readonly JsonElement s_person = Schema("""
        {"type":"object","properties":{"name":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}}},"required":["name","tags"],"additionalProperties":false}
        """);

    private static readonly JsonElement s_level = Schema("""{"type":"object","properties":{"level":{"enum":["Low","Medium","High"]}},"required":["level"]}""");

    [Fact]
    public void A_value_nested_in_a_broken_outer_one_is_never_the_answer()
    {
        const string Text = """{name: "Ada", tags: ["math","code"]}""";

        var strict = JsonExtractor.Extract(Text, s_person, JsonParsePolicy.Strict);
        Assert.False(strict.Success);
        Assert.Contains("line 1, column 2: property name name not quoted", strict.Error, StringComparison.Ordinal);
        Assert.Contains("JSON object", strict.Error, StringComparison.Ordinal);

        var repaired = JsonExtractor.Extract(Text, s_person, JsonParsePolicy.Repair);
        Assert.Equal("""{"name":"Ada","tags":["math","code"]}""", repaired.Json);
        Assert.All(repaired.Repairs, r => Assert.Equal(JsonRepairKind.Syntax, r.Kind));
        Assert.Equal(2, repaired.Repairs.Count);
    }

    [Theory]
    [InlineData("Options [1,2] only", "$ (line 1, column 9): an array where an object is expected")]
    [InlineData("Sure, here it is.", "no JSON object")]
    [InlineData("""{"name": 5}""", "required property \"tags\"")]
    public void No_value_of_the_expected_kind_is_a_located_failure(string text, string expected)
    {
        var json = JsonExtractor.Extract(text, s_person);

        Assert.False(json.Success);
        Assert.Contains(expected, json.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_off_last_element_is_dropped_never_kept_truncated()
    {
        var json = JsonExtractor.Extract("{\"name\": \"Ada\", \"tags\": [\"math\", \"co", s_person);

        Assert.Equal("""{"name":"Ada","tags":["math"]}""", json.Json);
        Assert.Contains(json.Repairs, r => r.Path == "$.tags" && r.Description.Contains("cut off", StringComparison.Ordinal));
    }

    [Fact]
    public void Repairs_the_usual_mistakes_in_one_answer()
    {
        const string Text = """
            Here you go:
            ```json
            {
              // the person
              'name': `Ada "the countess" Lovelace`,
              tags: [math, 'code',],
              extra: None,
            }
            ```
            """;

        var json = JsonExtractor.Extract(Text, s_person);

        Assert.True(json.Success, json.Error);
        Assert.Equal(JsonExtractionMethod.Fenced, json.Method);
        Assert.Equal("""{"name":"Ada \"the countess\" Lovelace","tags":["math","code"]}""", json.Json);
        var descriptions = json.Repairs.Select(r => r.Description).ToList();
        Assert.Contains(descriptions, d => d.StartsWith("comment", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.StartsWith("trailing comma", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.StartsWith("unknown property \"extra\" ignored", StringComparison.Ordinal));
        Assert.Contains(json.Repairs, r => r.Kind == JsonRepairKind.Extraction && r.Line == 3);
    }

    [Theory]
    [InlineData("""{"level": "high"}""", "High")]
    [InlineData("""{"level": "The level is MEDIUM, I think"}""", "Medium")]
    [InlineData("""{"level": ["Low"]}""", "Low")]
    public void Coerces_enum_members_loosely_and_records_it(string text, string member)
    {
        var json = JsonExtractor.Extract(text, s_level);

        Assert.Equal(member, json.Value.GetProperty("level").GetString());
        Assert.Contains(json.Repairs, r => r.Kind == JsonRepairKind.Coercion && r.Path == "$.level");
        Assert.False(JsonExtractor.Extract(text, s_level, JsonParsePolicy.Repair).Success);
    }

    [Fact]
    public void An_ambiguous_enum_is_a_failure_that_lists_the_allowed_members()
    {
        var json = JsonExtractor.Extract("""{"level": "high or low"}""", s_level);

        Assert.False(json.Success);
        Assert.Contains("it is ambiguous", json.Error, StringComparison.Ordinal);
        Assert.Contains("Allowed: \"Low\", \"Medium\", \"High\"", json.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_policy_rejects_unknown_members_that_the_others_ignore()
    {
        const string Text = """{"name":"Ada","tags":[],"age":36}""";

        Assert.Contains("unknown property \"age\"", JsonExtractor.Extract(Text, s_person, JsonParsePolicy.Strict).Error, StringComparison.Ordinal);
        Assert.Equal("""{"name":"Ada","tags":[]}""", JsonExtractor.Extract(Text, s_person).Json);
    }

    [Fact]
    public void Parse_reads_an_answer_into_a_type_with_its_generated_metadata()
    {
        var result = JsonExtractor.Parse("""{title: 'Printer on fire', priority: "très urgent", tags: "hardware", count: "1,200",}""", TicketJson.Default.Ticket);

        Assert.True(result.Success, string.Join(" ", result.Errors));
        var ticket = Assert.IsType<Ticket>(result.Value);
        Assert.Equal(("Printer on fire", Priority.Urgent, 1200), (ticket.Title, ticket.Priority, ticket.Count));
        Assert.Equal(["hardware"], ticket.Tags);
        Assert.Contains(result.Repairs, r => r.Path == "$.tags" && r.Description == "single value read as a one-element list");
        Assert.Contains(result.Repairs, r => r.Path == "$.count" && r.Description.Contains("read as the number 1200", StringComparison.Ordinal));

        var strict = JsonExtractor.Parse("""{"title":"x","priority":"HIGH","tags":[],"count":1}""", TicketJson.Default.Ticket, JsonParsePolicy.Strict);
        Assert.False(strict.Success);
        Assert.Contains("$.priority", Assert.Single(strict.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void The_policy_is_read_from_configuration_and_a_wrong_value_is_an_error()
    {
        var options = new PromptGenOptions();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PromptGen:Validation:JsonPolicy"] = "strict" }).Build();
        PromptGenConfiguration.Bind(configuration.GetSection("PromptGen"), options);
        Assert.Equal(JsonParsePolicy.Strict, options.Validation.JsonPolicy);
        Assert.Equal(JsonParsePolicy.RepairAndCoerce, new PromptGenOptions().Validation.JsonPolicy);

        var wrong = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PromptGen:Validation:JsonPolicy"] = "lenient" }).Build();
        var error = Assert.Throws<PromptConfigurationException>(() => PromptGenConfiguration.Bind(wrong.GetSection("PromptGen"), new PromptGenOptions()));
        Assert.Contains("PromptGen:Validation:JsonPolicy", error.Message, StringComparison.Ordinal);
        Assert.Contains("RepairAndCoerce, Repair or Strict", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_megabyte_is_linear_and_keeps_every_element()
    {
        var items = string.Join(",\n", Enumerable.Range(0, 20_000).Select(i => $"{{id: {i}, name: 'item {i}', tags: [a, b,],}}"));
        var json = JsonExtractor.Extract("The list:\n[" + items + "\n]\nDone.", Schema("""{"type":"array","items":{"type":"object","properties":{"id":{"type":"integer"},"name":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}}},"required":["id","name","tags"]}}"""));

        Assert.True(json.Success, json.Error);
        Assert.Equal(20_000, json.Value.GetArrayLength());
        Assert.Equal("item 19999", json.Value[19_999].GetProperty("name").GetString());
    }

    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
