using PromptGen.Generators.Templates;

namespace PromptGen.Generators.Tests.Templates;

public class TemplateParserTests
{
    [Fact]
    public void Literal_only_template_is_one_literal_part()
    {
        var parsed = TemplateParser.Parse("Hello world");

        var part = Assert.Single(parsed.Parts);
        Assert.Equal(TemplatePart.Literal("Hello world", 0, 11), part);
        Assert.Empty(parsed.Errors);
    }

    [Fact]
    public void Placeholders_split_literals_and_keep_name_offsets()
    {
        var parsed = TemplateParser.Parse("Describe {city} in {words:D} words.");

        Assert.Equal(
            [
                TemplatePart.Literal("Describe ", 0, 9),
                TemplatePart.Placeholder("city", null, 10, 4),
                TemplatePart.Literal(" in ", 15, 4),
                TemplatePart.Placeholder("words", "D", 20, 5),
                TemplatePart.Literal(" words.", 28, 7),
            ],
            parsed.Parts);
        Assert.Empty(parsed.Errors);
    }

    [Fact]
    public void Doubled_braces_are_literal_braces()
    {
        var parsed = TemplateParser.Parse("Return {{\"a\": {x}}}");

        Assert.Equal(["Return {\"a\": ", "x", "}"], parsed.Parts.Select(p => p.Text));
        Assert.Empty(parsed.Errors);
    }

    [Fact]
    public void Format_may_hold_any_characters_but_braces()
    {
        var part = Assert.Single(TemplateParser.Parse("{when:yyyy-MM-dd HH:mm}").Parts);

        Assert.Equal(("when", "yyyy-MM-dd HH:mm"), (part.Text, part.Format));
    }

    [Theory]
    [InlineData("Hello {name", 6, "never closed")]
    [InlineData("Hello name}", 10, "closes no placeholder")]
    [InlineData("A {b {c}", 2, "never closed")]
    [InlineData("JSON: {\"a\": 1}", 6, "is not '{parameter}'")]
    [InlineData("empty {} here", 6, "names no parameter")]
    [InlineData("bad {1x} name", 4, "is not '{parameter}'")]
    [InlineData("{x:} format", 0, "empty format")]
    public void Malformed_templates_report_offset_and_fix(string template, int offset, string problem)
    {
        var error = Assert.Single(TemplateParser.Parse(template).Errors);

        Assert.Equal(offset, error.Offset);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_continues_after_an_error()
    {
        var parsed = TemplateParser.Parse("} {a} { {b}");

        Assert.Equal(2, parsed.Errors.Count);
        Assert.Equal(["a", "b"], parsed.Parts.Where(p => p.IsPlaceholder).Select(p => p.Text));
    }

    [Fact]
    public void Parsed_templates_are_values()
    {
        Assert.Equal(TemplateParser.Parse("x {y:N2} z"), TemplateParser.Parse("x {y:N2} z"));
        Assert.NotEqual(TemplateParser.Parse("x {y:N2} z"), TemplateParser.Parse("x {y:N3} z"));
    }
}
