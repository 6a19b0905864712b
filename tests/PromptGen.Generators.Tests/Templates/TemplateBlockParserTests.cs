using PromptGen.Generators.Models;
using PromptGen.Generators.Templates;

namespace PromptGen.Generators.Tests.Templates;

/// <summary>The block syntax: the tree, offsets, and whitespace control (a tag alone on its line takes the line).</summary>
public class TemplateBlockParserTests
{
    [Fact]
    public void Member_paths_and_markers_are_placeholders_with_the_path_span()
    {
        var parsed = TemplateParser.Parse("To {order.Customer.Name} ({order.Total:C2})");

        Assert.Empty(parsed.Errors);
        Assert.Equal(
            [TemplatePart.Literal("To ", 0, 3), TemplatePart.Placeholder("order.Customer.Name", null, 4, 19), TemplatePart.Literal(" (", 24, 2), TemplatePart.Placeholder("order.Total", "C2", 27, 11), TemplatePart.Literal(")", 42, 1)],
            parsed.Parts);
    }

    [Fact]
    public void If_else_and_each_nest_into_a_tree()
    {
        var parsed = TemplateParser.Parse("{#if !docs}none{:else}{#each docs as d}{d.Title}{#if !@last}, {/if}{/each}{/if}");

        Assert.Empty(parsed.Errors);
        var block = Assert.Single(parsed.Parts);
        Assert.Equal((TemplateBlock.If, "docs", true, 6), (block.Block, block.Text, block.Negated, block.Offset));
        Assert.Equal("none", Assert.Single(block.Body).Text);
        var loop = Assert.Single(block.Else);
        Assert.Equal((TemplateBlock.Each, "docs", "d", 29, 37), (loop.Block, loop.Text, loop.Alias, loop.Offset, loop.AliasOffset));
        Assert.Equal(["d.Title", "@last"], loop.Body.Select(p => p.Text));
        Assert.Equal(TemplateBlock.If, loop.Body[1].Block);
    }

    [Fact]
    public void Block_tags_alone_on_their_lines_leave_no_blank_lines()
    {
        var template = "Docs:\n  {#each docs as d}\n- {d}\n  {/each}\n{#if more}\nMore.\n{/if}\nEnd.";

        Assert.Equal("Docs:\n[- {d}\n][More.\n]End.", Flatten(TemplateParser.Parse(template).Parts));
    }

    [Fact]
    public void Inline_tags_keep_the_text_around_them()
    {
        Assert.Equal("a [b ]c", Flatten(TemplateParser.Parse("a {#if x}b {/if}c").Parts));
    }

    [Fact]
    public void Crlf_lines_are_removed_whole()
    {
        Assert.Equal("A\r\n[B\r\n]C", Flatten(TemplateParser.Parse("A\r\n{#if x}\r\nB\r\n{/if}\r\nC").Parts));
    }

    [Fact]
    public void Role_markers_are_parts_at_their_place()
    {
        var parsed = TemplateParser.Parse("{#system}\nBe brief.\n{#user}\n{q}\n");

        Assert.Empty(parsed.Errors);
        Assert.Equal([(TemplateBlock.Role, "system"), (TemplateBlock.None, "Be brief.\n"), (TemplateBlock.Role, "user"), (TemplateBlock.None, "q"), (TemplateBlock.None, "\n")], parsed.Parts.Select(p => (p.Block, p.Text)));
    }

    [Theory]
    [InlineData("{#if x}a", "Unclosed", 0, 7)]
    [InlineData("a{/if}", "Stray", 1, 5)]
    [InlineData("{#if x}{/each}", "Stray", 7, 7)]
    [InlineData("{:else}", "Else", 0, 7)]
    [InlineData("{#if x}{:else}{:else}{/if}", "Else", 14, 7)]
    [InlineData("{#when x}", "Syntax", 0, 9)]
    [InlineData("{#each xs}{/each}", "Syntax", 0, 10)]
    [InlineData("{#if}{/if}", "Syntax", 0, 5)]
    [InlineData("{a..b}", "Syntax", 0, 6)]
    [InlineData("{@count}", "Syntax", 0, 8)]
    public void Malformed_blocks_are_errors_with_their_span(string template, string kind, int offset, int length)
    {
        var error = Assert.Single(TemplateParser.Parse(template).Errors);

        Assert.Equal((kind, offset, length), (error.Kind.ToString(), error.Offset, error.Length));
    }

    [Theory]
    [InlineData("items[0].name", new[] { "items", "name" }, new[] { 1, 0 })]
    [InlineData("a.b.c", new[] { "a", "b", "c" }, new[] { 0, 0, 0 })]
    [InlineData("grid[1][2]", new[] { "grid" }, new[] { 2 })]
    public void One_path_parser_reads_rule_and_template_paths(string path, string[] names, int[] indexes)
    {
        var parsed = MemberPath.Parse(path);

        Assert.Null(parsed.Problem);
        Assert.Equal(names, parsed.Segments.Select(s => s.Name));
        Assert.Equal(indexes, parsed.Segments.Select(s => s.Indexes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("a.")]
    [InlineData("a[x]")]
    public void Bad_paths_have_a_problem(string path) => Assert.NotNull(MemberPath.Parse(path).Problem);

    /// <summary>Literals as they are, placeholders as <c>{path}</c>, blocks as <c>[body]</c>.</summary>
    private static string Flatten(EquatableArray<TemplatePart> parts) => string.Concat(parts.Select(p => p.Block switch
    {
        TemplateBlock.None => p.IsPlaceholder ? "{" + p.Text + "}" : p.Text,
        _ => "[" + Flatten(p.Body) + "]",
    }));
}
