namespace PromptGen.Cli.Tests;

public sealed class ParseCommandTests : IDisposable
{
    private const string Book = """{"type":"object","properties":{"title":{"type":"string"},"year":{"type":"integer"}},"required":["title","year"],"additionalProperties":false}""";

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Prints_the_recovered_json_on_one_line_and_the_repairs_on_stderr()
    {
        _cli.WriteFile("book.json", Book);

        var result = await _cli.RunAsync(["parse", "--schema", "book.json"], stdin: "Sure:\n```json\n{title: 'Dune', year: \"1,965\", pages: 412,}\n```\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("{\"title\":\"Dune\",\"year\":1965}" + Environment.NewLine, result.Out);
        Assert.Contains("coercion at $.year (line 3, column 23): \"1,965\" read as the number 1965", result.Error, StringComparison.Ordinal);
        Assert.Contains("trailing comma; removed", result.Error, StringComparison.Ordinal);
        Assert.Contains("unknown property \"pages\" ignored", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_with_a_located_error_and_exit_1_and_honours_the_policy_switches()
    {
        _cli.WriteFile("book.json", Book);
        _cli.WriteFile("answer.txt", "{\"title\": \"Dune\", \"year\": \"1965\",}");

        var coerced = await _cli.RunAsync(["parse", "--schema", "book.json", "--input", "answer.txt"]);
        var noCoerce = await _cli.RunAsync(["parse", "--schema", "book.json", "--input", "answer.txt", "--no-coerce"]);
        var strict = await _cli.RunAsync(["parse", "--schema", "book.json", "--input", "answer.txt", "--strict"]);

        Assert.Equal(0, coerced.ExitCode);
        Assert.Equal(1, noCoerce.ExitCode);
        Assert.Contains("$.year (line 1, column 27): the string \"1965\" where an integer is expected", noCoerce.Error, StringComparison.Ordinal);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("line 1, column 33: trailing comma", strict.Error, StringComparison.Ordinal);
        Assert.Empty(strict.Out);
    }

    [Fact]
    public async Task Partial_prints_the_value_so_far_and_the_complete_members_on_stderr()
    {
        _cli.WriteFile("book.json", Book);

        var result = await _cli.RunAsync(["parse", "--partial", "--schema", "book.json"], stdin: "Here: {title: 'Dune', year: 19");
        var broken = await _cli.RunAsync(["parse", "--partial", "--schema", "book.json"], stdin: "{\"year\": \"soon\", \"title\": \"Du");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("{\"title\":\"Dune\"}" + Environment.NewLine, result.Out);
        Assert.Contains("complete: $.title", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("$.year", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("$.year (line 1, column 10): the string \"soon\" where an integer is expected", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_or_broken_schema_is_a_usage_error()
    {
        _cli.WriteFile("broken.json", "{\"type\": ");

        Assert.Equal(2, (await _cli.RunAsync(["parse", "--schema", "missing.json"], stdin: "{}")).ExitCode);
        var broken = await _cli.RunAsync(["parse", "--schema", "broken.json"], stdin: "{}");
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("broken.json is not valid JSON at line 1", broken.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await _cli.RunAsync(["parse", "--schema", "broken.json", "--strict", "--no-coerce"], stdin: "{}")).ExitCode);
    }
}
