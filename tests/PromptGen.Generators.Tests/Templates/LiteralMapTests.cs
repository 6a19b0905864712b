using PromptGen.Generators.Templates;

namespace PromptGen.Generators.Tests.Templates;

/// <summary>Template offsets map back to the characters of the C# literal that holds the template.</summary>
public class LiteralMapTests
{
    [Theory]
    [InlineData("\"a\\nb{x}\"", "a\nb{x}", 3, "{")]
    [InlineData("\"\\u0041{x}\"", "A{x}", 1, "{")]
    [InlineData("@\"say \"\"hi\"\" {x}\"", "say \"hi\" {x}", 9, "{")]
    [InlineData("\"\"\"one {x}\"\"\"", "one {x}", 4, "{")]
    public void Each_value_character_maps_to_its_source_character(string token, string value, int offset, string expected)
    {
        var map = LiteralMap.Map(token, value);

        Assert.NotNull(map);
        Assert.Equal(value.Length + 1, map.Length);
        Assert.Equal(expected, token.Substring(map[offset], 1));
    }

    [Fact]
    public void Multi_line_raw_literals_drop_the_indentation_and_keep_positions()
    {
        const string Token = "\"\"\"\n        {#if x}\n        a {y}\n        {/if}\n        \"\"\"";
        const string Value = "{#if x}\na {y}\n{/if}";

        var map = LiteralMap.Map(Token, Value);

        Assert.NotNull(map);
        Assert.Equal("{/if}", Token.Substring(map[Value.IndexOf("{/if}", StringComparison.Ordinal)], 5));
        Assert.Equal("y", Token.Substring(map[Value.IndexOf('y', StringComparison.Ordinal)], 1));
    }

    [Theory]
    [InlineData("\"abc\"", "abd")]
    [InlineData("nameof(x)", "x")]
    public void A_token_that_does_not_decode_to_the_value_does_not_map(string token, string value) => Assert.Null(LiteralMap.Map(token, value));
}
