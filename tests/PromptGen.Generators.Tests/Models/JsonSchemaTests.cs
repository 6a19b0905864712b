using System.Text.Json;
using PromptGen.Generators.Emit;

namespace PromptGen.Generators.Tests.Models;

public class JsonSchemaTests
{
    [Fact]
    public void Travel_city_schema_is_strict_with_camel_case_nullable_and_string_enums()
    {
        var schema = ModelHarness.Method(Sources.TravelGuide, "DescribeAsync").SchemaJson;

        Assert.Equal(
            """{"type":"object","properties":{"name":{"type":"string"},"population":{"type":"integer"},"sights":{"type":"array","items":{"type":"string"}},"motto":{"type":["string","null"]},"budget":{"type":"string","enum":["Low","Medium","High"]},"rating":{"type":["number","null"]}},"required":["name","population","sights","motto","budget","rating"],"additionalProperties":false}""",
            schema);
        using var parsed = JsonDocument.Parse(schema!);
    }

    [Fact]
    public void Property_names_follow_json_property_name_and_the_contexts_policy()
    {
        var schema = Schema(
            """
            public sealed class Result
            {
                [JsonPropertyName("the_title")] public string Title { get; set; } = "";
                public int PageCount { get; set; }
                [JsonIgnore] public string Secret { get; set; } = "";
                public static int Shared { get; set; }
                internal int Hidden { get; set; }
                public Nested Inner { get; set; } = new();
            }
            public sealed class Nested { public bool IsOk { get; init; } public decimal[] Values { get; init; } = []; }
            """,
            "[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]");

        Assert.Equal(
            """{"type":"object","properties":{"the_title":{"type":"string"},"page_count":{"type":"integer"},"inner":{"type":"object","properties":{"is_ok":{"type":"boolean"},"values":{"type":"array","items":{"type":"number"}}},"required":["is_ok","values"],"additionalProperties":false}},"required":["the_title","page_count","inner"],"additionalProperties":false}""",
            schema);
    }

    [Fact]
    public void Without_a_naming_policy_names_are_the_clr_names_and_enums_are_integers()
    {
        var schema = Schema("public sealed record Result(Level Level, Level? Maybe, System.Guid Id, System.DateTimeOffset At); public enum Level { Low = 1, High = 5 }", string.Empty);

        Assert.Equal(
            """{"type":"object","properties":{"Level":{"type":"integer","enum":[1,5]},"Maybe":{"type":["integer","null"],"enum":[1,5,null]},"Id":{"type":"string"},"At":{"type":"string"}},"required":["Level","Maybe","Id","At"],"additionalProperties":false}""",
            schema);
    }

    [Fact]
    public void Enum_with_a_string_converter_attribute_is_a_string_enum_and_recursion_is_left_open()
    {
        var schema = Schema(
            """
            public sealed record Result(Color Color, Result? Next, Dictionary<string, int> Counts);
            [JsonConverter(typeof(JsonStringEnumConverter<Color>))] public enum Color { Red, Green }
            """,
            "[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]");

        Assert.Equal(
            """{"type":"object","properties":{"color":{"type":"string","enum":["Red","Green"]},"next":{},"counts":{"type":"object","additionalProperties":{"type":"integer"}}},"required":["color","next","counts"],"additionalProperties":false}""",
            schema);
    }

    [Theory]
    [InlineData("Name", "name")]
    [InlineData("URLValue", "urlValue")]
    [InlineData("ID", "id")]
    [InlineData("already", "already")]
    public void Camel_case_matches_system_text_json(string name, string expected)
    {
        Assert.Equal(expected, JsonNaming.CamelCase(name));
        Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(name), JsonNaming.CamelCase(name));
    }

    [Theory]
    [InlineData("SnakeCaseLower")]
    [InlineData("SnakeCaseUpper")]
    [InlineData("KebabCaseLower")]
    [InlineData("KebabCaseUpper")]
    public void Separator_policies_match_system_text_json(string policy)
    {
        var reference = policy switch
        {
            "SnakeCaseLower" => JsonNamingPolicy.SnakeCaseLower,
            "SnakeCaseUpper" => JsonNamingPolicy.SnakeCaseUpper,
            "KebabCaseLower" => JsonNamingPolicy.KebabCaseLower,
            _ => JsonNamingPolicy.KebabCaseUpper,
        };
        foreach (var name in new[] { "PageCount", "URLValue", "IsOK", "Value2Go", "simple", "ABC" })
        {
            Assert.Equal(reference.ConvertName(name), JsonNaming.Apply(policy, name));
        }
    }

    [Fact]
    public void Open_values_and_dictionaries_are_not_strict_and_PG0204_names_the_member()
    {
        var result = ModelHarness.Client(ModelHarness.Interface(
            """[Prompt("go")] Task<Result> GoAsync(CancellationToken cancellationToken);""",
            extra: "public sealed record Item(string Name, Dictionary<string, int> Extra); public sealed record Result(string Title, Item[] Items);\n[JsonSerializable(typeof(Result))] internal sealed partial class Ctx : JsonSerializerContext;"));

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("PG0204", warning.Id);
        Assert.Contains("member 'Items[].Extra' is a dictionary", warning.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.False(Assert.Single(result.Model!.Methods).StrictSchema);
    }

    [Fact]
    public void Fixed_shapes_are_strict() =>
        Assert.True(ModelHarness.Method(Sources.TravelGuide, "DescribeAsync").StrictSchema);

    private static string Schema(string types, string options)
    {
        var source = ModelHarness.Interface(
            """[Prompt("go")] Task<Result> GoAsync();""",
            extra: types + "\n[JsonSerializable(typeof(Result))] " + options + " internal sealed partial class Ctx : JsonSerializerContext;");
        var result = ModelHarness.Client(source);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is not ("PG0005" or "PG0204"));
        var method = Assert.Single(result.Model!.Methods);
        using var parsed = JsonDocument.Parse(method.SchemaJson!);
        return method.SchemaJson!;
    }
}
