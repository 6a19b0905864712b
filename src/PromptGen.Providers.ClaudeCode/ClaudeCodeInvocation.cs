using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>One CLI run, worked out from a chat request: arguments, environment and the stream-json stdin line.</summary>
internal sealed class ClaudeCodeInvocation
{
    private static readonly string[] s_claudeAliases = ["opus", "sonnet", "haiku"];

    public required List<string> Arguments { get; init; }

    public required Dictionary<string, string> Environment { get; init; }

    public required string StdinLine { get; init; }

    /// <summary>Gets the model passed to <c>--model</c>.</summary>
    public required string Model { get; init; }

    /// <summary>Gets a system prompt too long for the command line, to write to a file first.</summary>
    public string? SystemPromptForFile { get; init; }

    public static string MapModel(string requested, ClaudeCodeOptions options)
    {
        if (requested.Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            return options.DefaultModel;
        }

        if (options.ModelAliases.TryGetValue(requested, out var mapped))
        {
            return mapped;
        }

        return s_claudeAliases.Contains(requested, StringComparer.OrdinalIgnoreCase) || requested.StartsWith("claude-", StringComparison.OrdinalIgnoreCase)
            ? requested
            : options.DefaultModel;
    }

    public static ClaudeCodeInvocation Create(
        IEnumerable<ChatMessage> messages, ChatOptions? chat, string model, ClaudeCodeOptions options, ResolvedEndpoint endpoint, bool streaming)
    {
        var system = new StringBuilder();
        var turns = new List<ChatMessage>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                system.Append(system.Length > 0 ? "\n\n" : string.Empty).Append(message.Text);
            }
            else
            {
                turns.Add(message);
            }
        }

        if (chat?.Instructions is { Length: > 0 } instructions)
        {
            system.Append(system.Length > 0 ? "\n\n" : string.Empty).Append(instructions);
        }

        if (turns.Count == 0 || turns[^1].Role != ChatRole.User)
        {
            throw new BadRequestException("A Claude Code (max/*) call needs a user message last. Add the prompt as the final user message.");
        }

        var mapped = MapModel(model, options);
        var args = new List<string>
        {
            "-p", "--output-format", "stream-json", "--verbose", "--input-format", "stream-json",
            "--model", mapped, "--tools", string.Empty, "--no-session-persistence", "--strict-mcp-config",
        };
        if (streaming)
        {
            args.Add("--include-partial-messages");
        }

        if (options.Bare)
        {
            args.Add("--bare");
        }

        var maxTurns = 1;
        if (options.McpConfigJson is { Length: > 0 } mcp)
        {
            args.Add("--mcp-config");
            args.Add(mcp);
            maxTurns = Math.Max(2, options.MaxTurnsWithTools);
        }

        args.Add("--max-turns");
        args.Add(maxTurns.ToString(CultureInfo.InvariantCulture));
        string? systemForFile = null;
        if (system.Length > options.SystemPromptFileThreshold)
        {
            systemForFile = system.ToString();
        }
        else if (system.Length > 0)
        {
            args.Add("--system-prompt");
            args.Add(system.ToString());
        }

        return new ClaudeCodeInvocation
        {
            Arguments = args,
            Environment = BuildEnvironment(chat, options, endpoint),
            StdinLine = BuildStdinLine(turns),
            Model = mapped,
            SystemPromptForFile = systemForFile,
        };
    }

    private static Dictionary<string, string> BuildEnvironment(ChatOptions? chat, ClaudeCodeOptions options, ResolvedEndpoint endpoint)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // PromptGen's retry policy owns retries: the CLI's own would spend ~3 minutes on one failure.
            ["CLAUDE_CODE_MAX_RETRIES"] = "0",
            ["API_TIMEOUT_MS"] = Math.Max(1000, endpoint.Timeout.TotalMilliseconds - 1000).ToString("0", CultureInfo.InvariantCulture),
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
            ["DISABLE_TELEMETRY"] = "1",
            ["DISABLE_AUTOUPDATER"] = "1",
            ["DISABLE_ERROR_REPORTING"] = "1",
            ["CLAUDE_CODE_MAX_OUTPUT_TOKENS"] = (chat?.MaxOutputTokens ?? endpoint.MaxOutputTokens).ToString(CultureInfo.InvariantCulture),
        };
        if (options.DisableThinking)
        {
            environment["CLAUDE_CODE_DISABLE_THINKING"] = "1";
        }

        if (options.ConfigDirectory is { Length: > 0 } config)
        {
            environment["CLAUDE_CONFIG_DIR"] = config;
        }

        foreach (var (key, value) in options.Environment)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Earlier turns are flattened into the prompt with role markers: the CLI re-orders seeded assistant lines.</summary>
    private static string BuildStdinLine(List<ChatMessage> turns)
    {
        var content = new List<object>();
        var last = turns[^1];
        if (turns.Count > 1)
        {
            var history = new StringBuilder("Earlier turns of this conversation, oldest first:\n");
            var earlierImages = new List<object>();
            foreach (var turn in turns.Take(turns.Count - 1))
            {
                history.Append("\n<turn role=\"").Append(turn.Role.Value).Append("\">\n").Append(turn.Text);
                foreach (var data in turn.Contents.OfType<DataContent>().Where(d => d.HasTopLevelMediaType("image")))
                {
                    // Images of earlier turns follow the history text; the marker ties each to its turn.
                    earlierImages.Add(ImageBlockOf(data));
                    history.Append("\n[earlier image ").Append(earlierImages.Count).Append(" of this turn is attached after this history]");
                }

                history.Append("\n</turn>\n");
            }

            history.Append("\nReply to the current message below.");
            content.Add(new TextBlock(history.ToString()));
            content.AddRange(earlierImages);
        }

        foreach (var item in last.Contents)
        {
            switch (item)
            {
                case TextContent text:
                    content.Add(new TextBlock(text.Text));
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    content.Add(ImageBlockOf(data));
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    throw new BadRequestException($"The Claude Code CLI (max/*) cannot fetch image URLs ({uri.Uri.GetLeftPart(UriPartial.Path)}). Pass the image as a PromptImage (PromptImage.FromUrl downloads it for max/*), a file or bytes.");
                default:
                    throw new BadRequestException($"The Claude Code CLI (max/*) cannot take message content of type {item.GetType().Name}. Send text and images only.");
            }
        }

        var line = new UserLine(new UserMessage(content));
        return JsonSerializer.Serialize(line, ClaudeCodeJsonContext.Default.UserLine);
    }

    private static ImageBlock ImageBlockOf(DataContent data) => new(new ImageSource(data.MediaType, Convert.ToBase64String(data.Data.Span)));
}
