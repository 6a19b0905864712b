using System.Text.Json;

namespace PromptGen.Providers.ClaudeCode.Tests;

/// <summary>The Claude Code CLI's own error texts can quote the key it was given; they pass through the router's redactor.</summary>
public sealed class ErrorRedactionTests
{
    [Fact]
    public void The_clis_incorrect_api_key_text_is_redacted_by_value_and_by_shape()
    {
        var redactor = new SecretRedactor();
        redactor.Add("not-key-shaped-PLANTED-value");
        using var result = JsonDocument.Parse("""
            { "type": "result", "is_error": true, "api_error_status": 401,
              "result": "Incorrect API key provided: sk-ant-api03-abcdefghijklmnop and not-key-shaped-PLANTED-value" }
            """);
        var run = new ClaudeCodeRun { Result = result.RootElement.Clone(), ExitCode = 1, StandardError = "auth failed for not-key-shaped-PLANTED-value" };

        var error = ClaudeCodeErrors.FromRun(run, "claude", redactor);
        var crashed = ClaudeCodeErrors.FromRun(new ClaudeCodeRun { ExitCode = 1, StandardError = "auth failed for not-key-shaped-PLANTED-value" }, "claude", redactor);

        Assert.IsType<AuthenticationFailedException>(error);
        Assert.Contains("Incorrect API key provided: ***", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PLANTED", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-ant-", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PLANTED", crashed.Message, StringComparison.Ordinal);
    }
}
