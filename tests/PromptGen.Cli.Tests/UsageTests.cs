namespace PromptGen.Cli.Tests;

public sealed class UsageTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "ask" }, "Required argument 'prompt' missing")]
    [InlineData(new[] { "ask", "--nope", "Hi" }, "--nope")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    public async Task Usage_errors_exit_2_with_a_hint(string[] args, string expected)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("ask --help")]
    [InlineData("models --help")]
    [InlineData("simulate --help")]
    public async Task Help_prints_usage_and_exits_0(string args)
    {
        var result = await _cli.RunAsync(args.Split(' '));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
    }
}
