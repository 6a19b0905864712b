using System.Text.Json;
using PromptGen.Validation;

namespace PromptGen.Tests.Validation;

public class JsonExtractorTests
{
    private static readonly JsonElement s_objectSchema = JsonDocument.Parse("""{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""").RootElement;
    private static readonly JsonElement s_arraySchema = JsonDocument.Parse("""{"type":"array","items":{"type":"object"}}""").RootElement;

    [Theory]
    [InlineData("""{"name":"Paris"}""", JsonExtractionMethod.Whole)]
    [InlineData("  \n{\"name\":\"Paris\"}\n ", JsonExtractionMethod.Whole)]
    [InlineData("```json\n{\"name\":\"Paris\"}\n```", JsonExtractionMethod.Fenced)]
    [InlineData("```\n{\"name\":\"Paris\"}\n```\nAnything else?", JsonExtractionMethod.Fenced)]
    [InlineData("Sure! Here it is: {\"name\":\"Paris\"} Hope that helps.", JsonExtractionMethod.Embedded)]
    [InlineData("{\"name\":\"Paris\",}", JsonExtractionMethod.Whole)]
    public void Finds_the_object(string text, JsonExtractionMethod method)
    {
        var json = JsonExtractor.Extract(text, s_objectSchema);

        Assert.True(json.Success, json.Error);
        Assert.Equal(method, json.Method);
        Assert.Equal("Paris", json.Value.GetProperty("name").GetString());
        Assert.Equal(text, json.RawText);
    }

    [Fact]
    public void Skips_an_echoed_schema_before_the_answer()
    {
        var text = """
            Schema: {"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}
            Answer: {"name":"Paris"}
            """;

        var json = JsonExtractor.Extract(text, s_objectSchema);

        Assert.Equal("""{"name":"Paris"}""", json.Json);
        Assert.Equal("""{"a":1}""", JsonExtractor.Extract("{\"a\":1, /* note */}").Json);
    }

    [Fact]
    public void Skips_an_echoed_generic_schema_even_without_the_expected_one()
    {
        var json = JsonExtractor.Extract("""{"$schema":"http://json-schema.org/draft-07/schema#","type":"object"} then {"ok":true}""");

        Assert.Equal("""{"ok":true}""", json.Json);
    }

    [Theory]
    [InlineData("result")]
    [InlineData("data")]
    [InlineData("Response")]
    public void Unwraps_an_envelope_the_schema_does_not_describe(string envelope)
    {
        var json = JsonExtractor.Extract("{\"" + envelope + "\": {\"name\":\"Paris\"} }", s_objectSchema);

        Assert.Equal(envelope, json.Envelope);
        Assert.Equal("Paris", json.Value.GetProperty("name").GetString());
    }

    [Fact]
    public void Keeps_an_envelope_the_schema_describes()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"data":{"type":"object"}}}""").RootElement;

        var json = JsonExtractor.Extract("""{"data": {"x":1}}""", schema);

        Assert.Null(json.Envelope);
        Assert.True(json.Value.TryGetProperty("data", out _));
    }

    [Fact]
    public void Keeps_an_envelope_without_a_schema()
    {
        var json = JsonExtractor.Extract("""{"result": {"x":1}}""");

        Assert.Null(json.Envelope);
    }

    [Fact]
    public void Reads_json_lines_as_an_array()
    {
        var json = JsonExtractor.Extract("{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n", s_arraySchema);

        Assert.Equal(JsonExtractionMethod.JsonLines, json.Method);
        Assert.Equal(3, json.Value.GetArrayLength());
        Assert.Equal(3, json.Value[2].GetProperty("id").GetInt32());
    }

    [Fact]
    public void Picks_the_candidate_of_the_expected_kind()
    {
        var json = JsonExtractor.Extract("Options [1,2] and the answer {\"name\":\"Paris\"}", s_objectSchema);

        Assert.Equal(JsonValueKind.Object, json.Value.ValueKind);
    }

    [Fact]
    public void Unwraps_an_array_envelope_for_an_array_schema()
    {
        var json = JsonExtractor.Extract("""{"data":[{"a":1},{"a":2}]}""", s_arraySchema);

        Assert.Equal("data", json.Envelope);
        Assert.Equal(2, json.Value.GetArrayLength());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \n\t ", "empty")]
    [InlineData("Paris, France", "no JSON")]
    [InlineData("{\"name\": ", "malformed or incomplete")]
    [InlineData("{\"name\": [\"Par", "malformed or incomplete")]
    [InlineData("```json\n{\"name\": \n```", "malformed or incomplete")]
    public void Explains_why_there_is_no_json(string text, string expected)
    {
        var json = JsonExtractor.Extract(text, s_objectSchema);

        Assert.False(json.Success);
        Assert.Equal(JsonExtractionMethod.None, json.Method);
        Assert.Contains(expected, json.Error, StringComparison.Ordinal);
        Assert.Null(json.Json);
    }

    [Fact]
    public void Handles_unicode_and_scalars()
    {
        Assert.Equal("東京 🗼", JsonExtractor.Extract("Voilà : {\"name\":\"東京 🗼\"} ✓", s_objectSchema).Value.GetProperty("name").GetString());
        Assert.Equal(42, JsonExtractor.Extract("42").Value.GetInt32());
        Assert.Equal("yes", JsonExtractor.Extract("\"yes\"").Value.GetString());
    }

    [Fact]
    public void Handles_huge_and_deeply_nested_input_without_throwing()
    {
        var huge = new string('{', 200_000) + "prose" + new string('[', 100_000);
        Assert.False(JsonExtractor.Extract(huge, s_objectSchema).Success);

        var deep = new string('[', 1000) + new string(']', 1000);
        Assert.False(JsonExtractor.Extract(deep).Success);

        var big = "{\"items\":[" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"{{\"n\":{i},\"tags\":[[1,2],[3]]}}")) + "]}";
        var json = JsonExtractor.Extract("Here:\n" + big + "\nDone.");
        Assert.Equal(20_000, json.Value.GetProperty("items").GetArrayLength());
    }
}
