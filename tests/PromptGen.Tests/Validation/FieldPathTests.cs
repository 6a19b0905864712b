using System.Text.Json;
using PromptGen.Validation;

namespace PromptGen.Tests.Validation;

public class FieldPathTests
{
    private static readonly JsonElement s_doc = JsonDocument.Parse("""
        {"user":{"address":{"city":"Oslo","zip":null}},
         "items":[{"name":"a"},{"name":"b","tags":[["x","y"],["z"]]}],
         "a.b":1, "matrix":[[1,2],[3,4]], "ünï":"✓"}
        """).RootElement;

    [Theory]
    [InlineData("user.address.city", "\"Oslo\"")]
    [InlineData("$.user.address.city", "\"Oslo\"")]
    [InlineData("items[0].name", "\"a\"")]
    [InlineData("items[1].tags[0][1]", "\"y\"")]
    [InlineData("matrix[1][0]", "3")]
    [InlineData("['a.b']", "1")]
    [InlineData("ünï", "\"✓\"")]
    [InlineData("$[\"user\"].address", "{\"city\":\"Oslo\",\"zip\":null}")]
    public void Finds_values(string path, string expected)
    {
        Assert.True(FieldPath.Parse(path).TryGet(s_doc, out var value));
        Assert.Equal(expected, value.GetRawText());
    }

    [Theory]
    [InlineData("user.address.country")]
    [InlineData("items[2].name")]
    [InlineData("items.name")]
    [InlineData("user[0]")]
    [InlineData("user.address.city.length")]
    [InlineData("user.address.zip")]
    public void Absent_or_null_is_not_present(string path) => Assert.False(FieldPath.Parse(path).IsPresent(s_doc));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("a..b")]
    [InlineData("a.")]
    [InlineData("items[")]
    [InlineData("items[-1]")]
    [InlineData("items[x]")]
    [InlineData("$")]
    public void Malformed_paths_are_rejected_with_a_reason(string path)
    {
        Assert.False(FieldPath.TryParse(path, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<ArgumentException>(() => FieldPath.Parse(path));
    }

    [Fact]
    public void Evaluating_on_any_kind_or_default_never_throws()
    {
        var path = FieldPath.Parse("a[0].b");
        Assert.False(path.TryGet(default, out _));
        Assert.False(path.TryGet(JsonDocument.Parse("42").RootElement, out _));
        Assert.False(path.TryGet(JsonDocument.Parse("[[1]]").RootElement, out _));
    }
}
