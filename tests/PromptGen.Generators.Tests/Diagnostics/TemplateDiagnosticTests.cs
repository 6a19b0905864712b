using Microsoft.CodeAnalysis;
using PromptGen.Generators.Diagnostics;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Tests.Diagnostics;

/// <summary>The template language's diagnostics (PG0107–PG0116, and PG0101/PG0102/PG0105/PG0401 for paths and blocks): id, exact span, message.</summary>
public class TemplateDiagnosticTests
{
    private const string Types = """
        public sealed record Customer(string Name, string? Email, bool IsVip);
        public sealed record Order(int Id, Customer Customer, Customer? Referrer, IReadOnlyList<string> Tags, decimal Total, string? Notes);
        """;

    [Fact]
    public void PG0107_unknown_member_is_reported_on_the_segment_with_the_nearest_member()
    {
        var (result, source) = Check("""[Prompt("Write to {order.Customer.Nmae}.")] Task<string> XAsync(Order order);""");

        var diagnostic = Single(result, "PG0107");
        Assert.Equal("Nmae", Text(diagnostic, source));
        Assert.Equal(
            "The [Prompt] template of 'Demo.IDemo.XAsync' reads 'Nmae' of 'order.Customer' (type 'Demo.Customer'), which has no such member; did you mean 'Name'? (members: Name, Email, IsVip)",
            Message(diagnostic));
        Assert.NotNull(Assert.Single(result.Model!.Methods).Error);
    }

    [Theory]
    [InlineData("""[Prompt("{order.Notes.Length}")] Task<string> XAsync(Order order);""", "Length", "a string renders as it is")]
    [InlineData("""[Prompt("{order.Tags.Count}")] Task<string> XAsync(Order order);""", "Count", "looped over with {#each}")]
    [InlineData("""[Prompt("{order.Total.Scale}")] Task<string> XAsync(Order order);""", "Scale", "format it instead")]
    [InlineData("""[Prompt("{when.Year}")] Task<string> XAsync(System.DateTimeOffset when);""", "Year", "not of framework types")]
    [InlineData("""[Prompt("{order.Customer.Xyzzy}")] Task<string> XAsync(Order order);""", "Xyzzy", "its members are: Name, Email, IsVip")]
    public void PG0107_says_why_a_type_has_no_such_member(string member, string span, string why)
    {
        var (result, source) = Check(member);

        var diagnostic = Single(result, "PG0107");
        Assert.Equal(span, Text(diagnostic, source));
        Assert.Contains(why, Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0107_says_when_a_path_goes_beyond_the_types_a_method_reads()
    {
        var types = string.Concat(Enumerable.Range(0, 70).Select(i => $"public sealed record T{i}(T{i + 1}? Next, string Name);\n")) + "public sealed record T70(string Name);";
        var path = "t" + string.Concat(Enumerable.Repeat(".Next", 66)) + ".Name";
        var source = ModelHarness.Interface($$"""[Prompt("{{{path}}}")] Task<string> XAsync(T0 t);""", extra: types);

        var diagnostic = Single(ModelHarness.Client(source), "PG0107");

        Assert.Contains("PromptGen reads members of at most 64 types per method", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0107_in_a_loop_item_and_in_a_file_points_at_line_and_column()
    {
        var file = GeneratorHarness.File("/p/prompts/x.prompt.md", "Tags:\n{#each orders as o}\n- {o.Customr.Name}\n{/each}\n");
        var result = ModelHarness.Client(ModelHarness.Interface("""[Prompt(File = "prompts/x.prompt.md")] Task<string> XAsync(IReadOnlyList<Order> orders);""", extra: Types), file);

        var location = Single(result, "PG0107").Location!;
        Assert.Equal(("/p/prompts/x.prompt.md", 2, 5, 2, 12), (location.FilePath, location.StartLine, location.StartCharacter, location.EndLine, location.EndCharacter));
        Assert.Contains("did you mean 'Customer'?", Message(Single(result, "PG0107")), StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnostics_in_escaped_and_multi_line_inline_templates_land_on_the_exact_characters()
    {
        var (escaped, escapedSource) = Check("""[Prompt("Hi\t{order.Customer.Nmae}\n{/if}")] Task<string> XAsync(Order order);""");
        Assert.Equal("Nmae", Text(Single(escaped, "PG0107"), escapedSource));
        Assert.Equal("{/if}", Text(Single(escaped, "PG0112"), escapedSource));

        var (raw, rawSource) = Check(""""
            [Prompt("""
                Lines:
                {#each order.Tags as tag}
                - {tag.Length}
                {/each}
                """)]
            Task<string> XAsync(Order order);
            """");
        var diagnostic = Single(raw, "PG0107");
        Assert.Equal("Length", Text(diagnostic, rawSource));
        var line = rawSource.Split('\n').ToList().FindIndex(l => l.Contains("- {tag.Length}", StringComparison.Ordinal));
        Assert.Equal((line, line), (diagnostic.Location!.StartLine, diagnostic.Location.EndLine));
        Assert.Equal(rawSource.Split('\n')[line].IndexOf("Length", StringComparison.Ordinal), diagnostic.Location.StartCharacter);
    }

    [Fact]
    public void PG0108_member_of_a_nullable_outside_a_test_is_a_warning_on_the_member()
    {
        var (result, source) = Check("""[Prompt("Order {order.Id}, referred by {order.Referrer.Name}.")] Task<string> XAsync(Order order);""");

        var diagnostic = Single(result, "PG0108");
        Assert.Equal(DiagnosticSeverity.Warning, DiagnosticDescriptors.ById("PG0108").DefaultSeverity);
        Assert.Equal("Name", Text(diagnostic, source));
        Assert.Equal(
            "The [Prompt] template of 'Demo.IDemo.XAsync' reads 'Name' through 'order.Referrer', which may be null (type 'Demo.Customer?'), and then renders nothing there; wrap it in '{#if order.Referrer}…{/if}' (with an '{:else}' if the prompt should say something else), or make 'order.Referrer' non-nullable",
            Message(diagnostic));
        Assert.Null(Assert.Single(result.Model!.Methods).Error);
    }

    [Theory]
    [InlineData("{#if order.Referrer}{order.Referrer.Name}{/if}")]
    [InlineData("{#if order.Referrer.Email}{order.Referrer.Name}{/if}")]
    [InlineData("{#if !order.Referrer}none{:else}{order.Referrer.Name}{/if}")]
    public void PG0108_not_reported_where_an_if_proves_the_path(string template)
    {
        var (result, _) = Check($$"""[Prompt("{{template}}")] Task<string> XAsync(Order order);""");

        Assert.Empty(ModelHarness.Problems(result));
    }

    [Fact]
    public void PG0109_loop_over_a_value_that_is_not_a_collection()
    {
        var (result, source) = Check("""[Prompt("{#each order.Notes as n}{n}{/each}")] Task<string> XAsync(Order order);""");

        var diagnostic = Single(result, "PG0109");
        Assert.Equal("order.Notes", Text(diagnostic, source));
        Assert.Contains("loops over 'order.Notes' of type 'string?', which is not a collection", Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[Prompt("{#each tags as item}{item}{/each}")] Task<string> XAsync(IReadOnlyList<string> tags, string item);""", "a parameter of the method")]
    [InlineData("""[Prompt("{#each groups as g}{#each g as g}{g}{/each}{/each}")] Task<string> XAsync(IReadOnlyList<IReadOnlyList<string>> groups);""", "the item of an enclosing {#each}")]
    public void PG0110_loop_item_that_hides_another_name_is_reported_on_the_item_name(string member, string what)
    {
        var (result, source) = Check(member);

        var diagnostic = Single(result, "PG0110");
        Assert.Equal(source.Contains("as item", StringComparison.Ordinal) ? "item" : "g", Text(diagnostic, source));
        Assert.Contains(what, Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Notes:{#if notes} {notes}", "PG0111", "{#if notes}", "'{#if notes}' is never closed; add '{/if}'")]
    [InlineData("{#each tags as t}{t}{/if}", "PG0112", "{/if}", "'{/if}' cannot close '{#each tags as t}'; close it with '{/each}' first")]
    [InlineData("{notes}{/each}", "PG0112", "{/each}", "'{/each}' closes no block")]
    [InlineData("Hello{:else}Bye {notes}", "PG0113", "{:else}", "'{:else}' stands outside any block")]
    [InlineData("{#each tags as t}{t}{:else}none{/each}", "PG0113", "{:else}", "which has no else branch")]
    [InlineData("{#if notes}a{:else}b{:else}c{/if}", "PG0113", "{:else}", "already has an '{:else}'")]
    [InlineData("{#unless notes}x {tags}", "PG0102", "{#unless notes}", "is not a known tag")]
    [InlineData("{#each tags}{/each}", "PG0102", "{#each tags}", "is not '{#each items as item}'")]
    [InlineData("{@index} {notes}", "PG0102", "@index", "stands outside any {#each}")]
    [InlineData("{tags[0]}", "PG0102", "{tags[0]}", "does not index collections")]
    public void Malformed_blocks_are_reported_on_their_tag(string template, string id, string span, string problem)
    {
        var (result, source) = Check($$"""[Prompt("{{template}}")] Task<string> XAsync(string? notes, IReadOnlyList<string> tags);""");

        var diagnostic = Single(result, id);
        Assert.Equal(span, Text(diagnostic, source));
        Assert.Contains(problem, Message(diagnostic), StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(result.Model!.Methods).Error);
    }

    [Theory]
    [InlineData("""[Prompt("{#if flag}{#user}x{/if}")] Task<string> XAsync(bool flag);""", "", "cannot stand inside {#if} or {#each}")]
    [InlineData("""[SystemPrompt("{#system}x")] [Prompt("y")] Task<string> XAsync();""", "", "a [SystemPrompt] is one system message")]
    [InlineData("""[SystemPrompt("s")] [Prompt(File = "prompts/x.prompt.md")] Task<string> XAsync();""", "{#system}\nx\n{#user}\ny", "the method already has a [SystemPrompt]")]
    [InlineData("""[Prompt(File = "prompts/x.prompt.md")] Task<string> XAsync();""", "{#user}\nx\n{#system}\ny", "the system section must come first")]
    public void PG0114_role_section_in_the_wrong_place(string member, string file, string problem)
    {
        var source = ModelHarness.Interface(member, extra: Types);
        var template = GeneratorHarness.File("/p/prompts/x.prompt.md", file);
        var result = ModelHarness.Client(source, template);

        var diagnostic = Single(result, "PG0114");
        var location = diagnostic.Location!;
        var text = file.Length > 0 ? file : source;
        var start = file.Length > 0 ? OffsetOf(file, location.StartLine, location.StartCharacter) : location.Start;
        Assert.Equal("#" + (problem.Contains("inside", StringComparison.Ordinal) ? "user" : "system"), text.Substring(start, location.Length));
        Assert.Contains(problem, Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0115_history_placed_twice_is_reported_on_the_second_placeholder_in_a_file()
    {
        var file = GeneratorHarness.File("/p/prompts/x.prompt.md", "{history}\n{question}\n{history}\n");
        var result = ModelHarness.Client(ModelHarness.Interface("""[Prompt(File = "prompts/x.prompt.md")] Task<string> XAsync(IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> history, string question);"""), file);

        var location = Single(result, "PG0115").Location!;
        Assert.Equal((2, 1, 2, 8), (location.StartLine, location.StartCharacter, location.EndLine, location.EndCharacter));
        Assert.Contains("already placed once", Message(Single(result, "PG0115")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[Prompt("{#if question}{history}{/if}{question}")]""", "cannot stand inside {#if} or {#each}")]
    [InlineData("""[SystemPrompt("{history}")] [Prompt("{question}")]""", "place the history in the [Prompt] template")]
    public void PG0115_history_placed_where_it_cannot_stand(string attributes, string problem)
    {
        var (result, source) = Check(attributes + " Task<string> XAsync(IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> history, string question);");

        var diagnostic = Single(result, "PG0115");
        Assert.Equal("history", Text(diagnostic, source));
        Assert.Contains(problem, Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0116_condition_on_a_value_that_is_always_present()
    {
        var (result, source) = Check("""[Prompt("{#if order.Total}x{/if}")] Task<string> XAsync(Order order);""");

        var diagnostic = Single(result, "PG0116");
        Assert.Equal("order.Total", Text(diagnostic, source));
        Assert.Contains("tests 'order.Total' of type 'decimal', which is always present", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0105_format_on_a_member_that_is_not_formattable_spans_path_and_format()
    {
        var (result, source) = Check("""[Prompt("{order.Customer.Name:N2}")] Task<string> XAsync(Order order);""");

        var diagnostic = Single(result, "PG0105");
        Assert.Equal("order.Customer.Name:N2", Text(diagnostic, source));
        Assert.Contains("of type 'string' is not IFormattable", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0101_unknown_name_in_a_loop_lists_the_items_and_parameters()
    {
        var (result, source) = Check("""[Prompt("{#each tags as tag}{tga}{/each}")] Task<string> XAsync(IReadOnlyList<string> tags);""");

        var diagnostic = Single(result, "PG0101");
        Assert.Equal("tga", Text(diagnostic, source));
        Assert.Contains("rename the placeholder to one of: {tag}, {tags}", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0401_image_inside_a_block()
    {
        var (result, source) = Check("""[Prompt("{#if flag}{photo}{/if}")] Task<string> XAsync(bool flag, PromptImage photo);""");

        var diagnostic = Single(result, "PG0401");
        Assert.Equal("photo", Text(diagnostic, source));
        Assert.Contains("cannot stand inside {#if} or {#each}", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0401_image_in_an_assistant_section()
    {
        var (result, source) = Check("""[Prompt("{#user}\nWhat is this?\n{#assistant}\nA cat: {photo}\n{#user}\nAnd now?")] Task<string> XAsync(PromptImage photo);""");

        var diagnostic = Single(result, "PG0401");
        Assert.Equal("photo", Text(diagnostic, source));
        Assert.Contains("move it into a {#user} section (it stands in the {#assistant} section)", Message(diagnostic), StringComparison.Ordinal);
    }

    private static (Result<ClientSpec> Result, string Source) Check(string member)
    {
        var source = ModelHarness.Interface(member, extra: Types);
        return (ModelHarness.Client(source), source);
    }

    private static int OffsetOf(string text, int line, int character)
    {
        var offset = 0;
        for (var i = 0; i < line; i++)
        {
            offset = text.IndexOf('\n', offset) + 1;
        }

        return offset + character;
    }

    private static DiagnosticInfo Single(Result<ClientSpec> result, string id) => Assert.Single(result.Diagnostics, d => d.Id == id);

    private static string Message(DiagnosticInfo diagnostic) => diagnostic.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    private static string Text(DiagnosticInfo diagnostic, string source)
    {
        Assert.NotNull(diagnostic.Location);
        return source.Substring(diagnostic.Location.Start, diagnostic.Location.Length);
    }
}
