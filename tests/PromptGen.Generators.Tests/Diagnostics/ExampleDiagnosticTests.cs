using PromptGen.Generators.Models;

namespace PromptGen.Generators.Tests.Diagnostics;

/// <summary>
/// <c>[PromptExample]</c> is checked at build time (PG0601–PG0609) on the exact characters of its JSON, in regular,
/// raw and multi-line raw literals; a correct example reaches the method's spec for the catalog.
/// </summary>
public class ExampleDiagnosticTests
{
    private const string Types = """
        public sealed record City(string Name, string Country, long Population, List<string> Districts);
        public enum Size { Small, Large }
        [JsonSerializable(typeof(City))]
        [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
        internal sealed partial class DemoJson : JsonSerializerContext;
        """;

    private static string Source(string examples, string method = "Task<City> LargestCityAsync(string country, Size size, CancellationToken cancellationToken = default);") =>
        ModelHarness.Interface($$"""
            [Prompt("Largest {size} city in {country}?")]
            {{examples}}
            {{method}}
            """, extra: Types);

    [Fact]
    public void A_correct_example_reaches_the_spec_with_its_name_file_and_line()
    {
        var source = Source(""""
            [PromptExample("{ \"country\": \"Japan\", \"size\": \"large\" }", Expect = """[ { "path": "name", "equals": "Tokyo" }, { "path": "population", "atLeast": 1000000 }, { "path": "districts", "contains": "Shibuya" } ]""")]
            [PromptExample("""{ "country": "Peru", "size": "Small" }""", Name = "peru")]
            """");

        var method = ModelHarness.Method(source, "LargestCityAsync");

        Assert.Equal(["IDemo.LargestCityAsync#1", "peru"], method.Examples.Select(e => e.Name));
        Assert.Equal("{ \"country\": \"Japan\", \"size\": \"large\" }", method.Examples[0].Arguments);
        Assert.Null(method.Examples[1].Expect);
        Assert.Equal(LineOf(source, "[PromptExample(\"{"), method.Examples[0].Line);
    }

    [Fact]
    public void PG0601_invalid_json_points_at_the_character_through_escapes()
    {
        var source = Source("""[PromptExample("{ \"country\": France, \"size\": \"Small\" }")]""");

        var diagnostic = Single(source, "PG0601");

        Assert.Equal("F", Text(source, diagnostic));
        Assert.Contains("The [PromptExample] Arguments of 'Demo.IDemo.LargestCityAsync' is not valid JSON: unexpected 'F'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0602_unknown_argument_points_at_its_name_in_a_multi_line_raw_literal()
    {
        var source = Source(""""
            [PromptExample("""
                {
                  "country": "France",
                  "size": "Small",
                  "contry": "France"
                }
                """)]
            """");

        var diagnostic = Single(source, "PG0602");

        Assert.Equal("\"contry\"", Text(source, diagnostic));
        Assert.Contains("gives 'contry', which is not a parameter (did you mean 'country'?); its parameters are (string country, Demo.Size size)", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0603_missing_argument_points_at_the_arguments()
    {
        var source = Source(""""[PromptExample("""{ "size": "Small" }""")]"""");

        var diagnostic = Single(source, "PG0603");

        Assert.Equal("\"\"\"{ \"size\": \"Small\" }\"\"\"", Text(source, diagnostic));
        Assert.Contains("gives no value for 'country' (string)", Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "country": 42, "size": "Small" }""", "42", "gives the number 42 for 'country' (string): expected text")]
    [InlineData("""{ "country": "Peru", "size": "Huge" }""", "\"Huge\"", "expected one of Small, Large")]
    [InlineData("""{ "country": null, "size": "Small" }""", "null", "the parameter is not nullable")]
    public void PG0604_argument_of_the_wrong_type_points_at_the_value(string arguments, string span, string message)
    {
        var source = Source($$""""[PromptExample("""{{arguments}}""")]"""");

        var diagnostic = Single(source, "PG0604");

        Assert.Equal(span, Text(source, diagnostic));
        Assert.Contains(message, Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0604_object_members_are_checked_by_their_json_names()
    {
        var source = ModelHarness.Interface(""""
            [Prompt("Describe {city}")]
            [PromptExample("""{ "city": { "name": "Oslo", "country": "Norway", "populaton": 700000, "districts": [] } }""")]
            Task<string> DescribeAsync(City city, CancellationToken cancellationToken = default);
            """", extra: Types);

        var diagnostic = Single(source, "PG0604");

        Assert.Equal("\"populaton\"", Text(source, diagnostic));
        Assert.Contains("the type has no member \"populaton\" (did you mean 'population'?)", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0605_malformed_expectation_points_at_the_key()
    {
        var source = Source(""""[PromptExample("""{ "country": "Japan", "size": "Large" }""", Expect = """[ { "path": "name", "equal": "Tokyo" } ]""")]"""");

        var diagnostic = Single(source, "PG0605");

        Assert.Equal("\"equal\"", Text(source, diagnostic));
        Assert.Contains("unknown key \"equal\" (did you mean 'equals'?)", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0606_unknown_member_in_a_path_names_the_nearest()
    {
        var source = Source(""""[PromptExample("""{ "country": "Japan", "size": "Large" }""", Expect = """[ { "path": "nmae", "equals": "Tokyo" } ]""")]"""");

        var diagnostic = Single(source, "PG0606");

        Assert.Equal("\"nmae\"", Text(source, diagnostic));
        Assert.Contains("Demo.City has no member 'nmae' (did you mean 'name'?); its members are name, country, population, districts", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0606_a_path_on_a_text_result()
    {
        var source = Source(""""[PromptExample("""{ "country": "Japan", "size": "Large" }""", Expect = """[ { "path": "name", "equals": "Tokyo" } ]""")]"""", "Task<string> LargestCityAsync(string country, Size size, CancellationToken cancellationToken = default);");

        Assert.Contains("returns text, which has no members", Message(Single(source, "PG0606")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "path": "population", "contains": "x" }""", "\"x\"", "contains looks inside text or a list, and the member is a whole number")]
    [InlineData("""{ "path": "name", "atLeast": 3 }""", "3", "atLeast compares numbers and the member is text")]
    [InlineData("""{ "path": "population", "equals": "many" }""", "\"many\"", "the member is a whole number and the text \"many\" never equals it")]
    public void PG0607_an_expectation_that_cannot_hold_points_at_its_value(string expectation, string span, string message)
    {
        var source = Source($$""""[PromptExample("""{ "country": "Japan", "size": "Large" }""", Expect = """[ {{expectation}} ]""")]"""");

        var diagnostic = Single(source, "PG0607");

        Assert.Equal(span, Text(source, diagnostic));
        Assert.Contains(message, Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0608_an_example_on_a_streaming_method()
    {
        var source = ModelHarness.Interface("""
            [Prompt("Tell a story about {topic}")]
            [PromptExample("{ \"topic\": \"cats\" }")]
            IAsyncEnumerable<string> StoryAsync(string topic, CancellationToken cancellationToken = default);
            """);

        var diagnostic = Single(source, "PG0608");

        Assert.Equal("PromptExample(\"{ \\\"topic\\\": \\\"cats\\\" }\")", Text(source, diagnostic));
        Assert.Contains("it streams its answer", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0609_two_examples_with_one_name()
    {
        var source = Source(""""
            [PromptExample("""{ "country": "Japan", "size": "Large" }""", Name = "one")]
            [PromptExample("""{ "country": "Peru", "size": "Large" }""", Name = "one")]
            """");

        var diagnostic = Single(source, "PG0609");

        Assert.Equal("\"one\"", Text(source, diagnostic));
        Assert.Equal(source.LastIndexOf("\"one\"", StringComparison.Ordinal), diagnostic.Location!.Start);
    }

    private static DiagnosticInfo Single(string source, string id)
    {
        var result = ModelHarness.Client(source);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == id);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id != id && d.Id != "PG0005");
        return diagnostic;
    }

    private static string Message(DiagnosticInfo diagnostic) => diagnostic.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    private static string Text(string source, DiagnosticInfo diagnostic)
    {
        Assert.NotNull(diagnostic.Location);
        var text = source.Substring(diagnostic.Location.Start, diagnostic.Location.Length);
        var lines = source[..diagnostic.Location.Start].Split('\n');
        Assert.Equal(lines.Length - 1, diagnostic.Location.StartLine);
        Assert.Equal(lines[^1].Length, diagnostic.Location.StartCharacter);
        return text;
    }

    private static int LineOf(string source, string text) => source[..source.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
}
