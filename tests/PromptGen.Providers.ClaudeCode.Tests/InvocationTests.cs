using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PromptGen.Providers.ClaudeCode.Tests;

/// <summary>How a chat request becomes a CLI run: arguments, environment and the stdin line.</summary>
public class InvocationTests
{
    private static readonly ResolvedEndpoint s_endpoint = new()
    {
        Provider = "max",
        Kind = ProviderKinds.ClaudeCode,
        Timeout = TimeSpan.FromSeconds(60),
        MaxOutputTokens = 32000,
        StructuredOutput = StructuredOutputMode.Prompt,
        HttpClient = new HttpClient(),
        Sources = new Dictionary<string, string>(),
    };

    [Theory]
    [InlineData("opus", "opus")]
    [InlineData("sonnet", "sonnet")]
    [InlineData("haiku", "haiku")]
    [InlineData("claude-sonnet-4-5", "claude-sonnet-4-5")]
    [InlineData("default", "sonnet")]
    [InlineData("text-general", "sonnet")]
    [InlineData("code-expert", "opus")]
    public void Models_and_labels_map_to_real_models(string requested, string expected)
    {
        var options = new ClaudeCodeOptions();
        options.ModelAliases["code-expert"] = "opus";

        Assert.Equal(expected, ClaudeCodeInvocation.MapModel(requested, options));
    }

    [Fact]
    public void Arguments_are_a_list_with_retries_off_and_no_tools()
    {
        var invocation = ClaudeCodeInvocation.Create(
            [new ChatMessage(ChatRole.System, "Be terse."), new ChatMessage(ChatRole.User, "-starts with a dash")],
            new ChatOptions { MaxOutputTokens = 500 }, "opus", new ClaudeCodeOptions(), s_endpoint, streaming: false);

        Assert.Equal(["-p", "--output-format", "stream-json", "--verbose", "--input-format", "stream-json", "--model", "opus", "--tools", string.Empty, "--no-session-persistence", "--strict-mcp-config", "--max-turns", "1", "--system-prompt", "Be terse."], invocation.Arguments);
        Assert.DoesNotContain(invocation.Arguments, a => a.Contains("starts with a dash", StringComparison.Ordinal));
        Assert.Equal("0", invocation.Environment["CLAUDE_CODE_MAX_RETRIES"]);
        Assert.Equal("59000", invocation.Environment["API_TIMEOUT_MS"]);
        Assert.Equal("500", invocation.Environment["CLAUDE_CODE_MAX_OUTPUT_TOKENS"]);
        Assert.Equal("1", invocation.Environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"]);
        Assert.Equal("1", invocation.Environment["DISABLE_TELEMETRY"]);
        Assert.Equal("1", invocation.Environment["CLAUDE_CODE_DISABLE_THINKING"]);
    }

    [Fact]
    public void Stdin_is_one_stream_json_user_line_with_history_flattened_and_images_as_base64()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
        var invocation = ClaudeCodeInvocation.Create(
            [
                new ChatMessage(ChatRole.User, "My name is Ada."),
                new ChatMessage(ChatRole.Assistant, "Hello Ada."),
                new ChatMessage(ChatRole.User, [new TextContent("What colour is this, Ada?"), new DataContent(png, "image/png")]),
            ],
            null, "sonnet", new ClaudeCodeOptions(), s_endpoint, streaming: false);

        Assert.DoesNotContain('\n', invocation.StdinLine);
        using var line = JsonDocument.Parse(invocation.StdinLine);
        Assert.Equal("user", line.RootElement.GetProperty("type").GetString());
        var content = line.RootElement.GetProperty("message").GetProperty("content");
        Assert.Equal(3, content.GetArrayLength());
        var history = content[0].GetProperty("text").GetString()!;
        Assert.Contains("<turn role=\"user\">\nMy name is Ada.\n</turn>", history, StringComparison.Ordinal);
        Assert.Contains("<turn role=\"assistant\">\nHello Ada.\n</turn>", history, StringComparison.Ordinal);
        Assert.Equal("What colour is this, Ada?", content[1].GetProperty("text").GetString());
        var image = content[2];
        Assert.Equal("image", image.GetProperty("type").GetString());
        Assert.Equal("base64", image.GetProperty("source").GetProperty("type").GetString());
        Assert.Equal("image/png", image.GetProperty("source").GetProperty("media_type").GetString());
        Assert.Equal(Convert.ToBase64String(png), image.GetProperty("source").GetProperty("data").GetString());
    }

    [Fact]
    public void Large_system_prompt_goes_to_a_file_and_mcp_config_raises_the_turn_limit()
    {
        var options = new ClaudeCodeOptions { SystemPromptFileThreshold = 10, McpConfigJson = """{"mcpServers":{}}""", MaxTurnsWithTools = 6 };

        var invocation = ClaudeCodeInvocation.Create(
            [new ChatMessage(ChatRole.System, new string('s', 50)), new ChatMessage(ChatRole.User, "hi")], null, "opus", options, s_endpoint, streaming: true);

        Assert.Equal(new string('s', 50), invocation.SystemPromptForFile);
        Assert.DoesNotContain("--system-prompt", invocation.Arguments);
        Assert.Contains("--include-partial-messages", invocation.Arguments);
        var mcp = invocation.Arguments.IndexOf("--mcp-config");
        Assert.Equal("""{"mcpServers":{}}""", invocation.Arguments[mcp + 1]);
        Assert.Equal("6", invocation.Arguments[invocation.Arguments.IndexOf("--max-turns") + 1]);
    }

    [Fact]
    public void Image_urls_and_a_missing_user_message_are_clear_errors()
    {
        var url = Assert.Throws<BadRequestException>(() => ClaudeCodeInvocation.Create(
            [new ChatMessage(ChatRole.User, [new UriContent(new Uri("https://example.test/a.png"), "image/png")])], null, "opus", new ClaudeCodeOptions(), s_endpoint, false));
        Assert.Contains("cannot fetch image URLs", url.Message, StringComparison.Ordinal);

        var noUser = Assert.Throws<BadRequestException>(() => ClaudeCodeInvocation.Create(
            [new ChatMessage(ChatRole.System, "x")], null, "opus", new ClaudeCodeOptions(), s_endpoint, false));
        Assert.Contains("needs a user message last", noUser.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_of_earlier_turns_are_kept_after_the_history()
    {
        byte[] earlier = [0x89, 0x50, 0x4E, 0x47, 9, 9];
        byte[] current = [0xFF, 0xD8, 0xFF, 1];
        var invocation = ClaudeCodeInvocation.Create(
            [
                new ChatMessage(ChatRole.User, [new TextContent("Remember this chart."), new DataContent(earlier, "image/png")]),
                new ChatMessage(ChatRole.Assistant, "Noted."),
                new ChatMessage(ChatRole.User, [new TextContent("Is this the same?"), new DataContent(current, "image/jpeg")]),
            ],
            null, "opus", new ClaudeCodeOptions(), s_endpoint, streaming: false);

        using var line = JsonDocument.Parse(invocation.StdinLine);
        var content = line.RootElement.GetProperty("message").GetProperty("content");
        Assert.Equal(["text", "image", "text", "image"], content.EnumerateArray().Select(c => c.GetProperty("type").GetString()!).ToArray());
        Assert.Contains("[earlier image 1 of this turn is attached after this history]", content[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(Convert.ToBase64String(earlier), content[1].GetProperty("source").GetProperty("data").GetString());
        Assert.Equal("image/jpeg", content[3].GetProperty("source").GetProperty("media_type").GetString());
    }
}
