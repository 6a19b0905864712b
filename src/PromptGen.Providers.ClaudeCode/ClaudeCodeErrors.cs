using System.Text.Json;

namespace PromptGen;

/// <summary>
/// Turns a failed CLI run into PromptGen's typed errors. The CLI reports failures with <c>is_error</c>, an optional
/// <c>api_error_status</c> and a text; where it gives no status, its three documented texts are recognized here, at the
/// boundary, so nothing downstream ever looks at message text.
/// </summary>
internal static class ClaudeCodeErrors
{
    public static PromptGenException FromRun(ClaudeCodeRun run, string executable, SecretRedactor redactor)
    {
        if (run.Result is not { } result)
        {
            var stderr = string.IsNullOrWhiteSpace(run.StandardError) ? "(stderr was empty)" : redactor.Redact(run.StandardError.Trim());
            return new ProviderUnavailableException(
                $"The Claude Code CLI ('{executable}') exited with code {run.ExitCode} without a result. Its stderr: {stderr}. " +
                "Run the same 'claude -p' command by hand to see what fails.");
        }

        var text = result.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() ?? string.Empty
            : result.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array ? string.Join("; ", errors.EnumerateArray().Select(e => e.ToString()))
            : "(no message)";
        var status = result.TryGetProperty("api_error_status", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : (int?)null;
        var subtype = result.TryGetProperty("subtype", out var st) ? st.GetString() : null;
        text = redactor.Redact(text);
        var said = $"The Claude Code CLI reported: {text}";
        PromptGenException error = status switch
        {
            401 or 403 => new AuthenticationFailedException($"{said}. Log in with 'claude /login' (subscription) or set ANTHROPIC_API_KEY for the CLI."),
            429 => new RateLimitedException($"{said}. The subscription or API limit was reached; wait, or configure a fallback model.", null),
            >= 500 => new ProviderUnavailableException($"{said}. Anthropic's API failed; retry later or configure a fallback model."),
            >= 400 => new BadRequestException($"{said}. Check the model name and the request."),
            _ when subtype == "error_max_turns" => new BadRequestException($"{said}. Raise ClaudeCodeOptions.MaxTurnsWithTools if the task needs more tool turns."),
            _ when text.Contains("Not logged in", StringComparison.OrdinalIgnoreCase) => new AuthenticationFailedException($"{said}. Log in with 'claude /login' (subscription) or set ANTHROPIC_API_KEY for the CLI."),
            _ when text.Contains("Request timed out", StringComparison.OrdinalIgnoreCase) => new PromptTimeoutException($"{said}. Raise PromptGen:Providers:max:Timeout if the model is slow."),
            _ when text.Contains("Failed to parse JSON", StringComparison.OrdinalIgnoreCase) => new InvalidProviderResponseException($"{said}. The API answered with a body the CLI could not read; check ANTHROPIC_BASE_URL."),
            _ when text.Contains("Unable to connect", StringComparison.OrdinalIgnoreCase) => new ProviderUnavailableException($"{said}. Check the network (or ANTHROPIC_BASE_URL)."),
            _ => new ProviderUnavailableException($"{said}."),
        };
        error.StatusCode = status;
        return error;
    }
}
