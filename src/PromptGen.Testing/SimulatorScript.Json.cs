using System.Text.Json;

namespace PromptGen.Testing;

public sealed partial class SimulatorScript
{
    private static readonly string[] s_ruleKeys =
        ["model", "userContains", "userMatches", "protocol", "reply", "replyJson", "fault", "retryAfterSeconds", "usage", "latencyMs", "times"];

    /// <summary>Loads a rules file (format in the package README). Errors name the file, the rule and the field.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The script.</returns>
    /// <exception cref="FormatException">The file is missing, not JSON, or a rule is invalid.</exception>
    public static SimulatorScript LoadJson(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"Cannot read simulator rules file '{path}': {exception.Message}");
        }

        return FromJson(json, path);
    }

    /// <summary>Parses rules from JSON text (format in the package README).</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="source">A name for error messages, for example the file path.</param>
    /// <returns>The script.</returns>
    /// <exception cref="FormatException">The text is not JSON or a rule is invalid; the message names the rule and the field.</exception>
    public static SimulatorScript FromJson(string json, string source = "rules")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new FormatException($"Simulator rules in '{source}' are not valid JSON (line {exception.LineNumber + 1}): {exception.Message}");
        }

        using (document)
        {
            var script = new SimulatorScript();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"Simulator rules in '{source}' must be an object with a \"rules\" array: {{\"rules\": [{{\"userContains\": \"hello\", \"reply\": \"Hi!\"}}]}}.");
            }

            if (root.TryGetProperty("defaultReply", out var defaultReply))
            {
                script.DefaultReply = defaultReply.GetString() ?? script.DefaultReply;
            }

            var index = 0;
            foreach (var element in rules.EnumerateArray())
            {
                ParseRule(element, script, $"'{source}' rule {index++}");
            }

            return script;
        }
    }

    private static void ParseRule(JsonElement element, SimulatorScript script, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"Simulator {where} must be an object.");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!s_ruleKeys.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new FormatException($"Simulator {where} has unknown field \"{property.Name}\". Valid fields: {string.Join(", ", s_ruleKeys)}.");
            }
        }

        var builder = element.TryGetProperty("userMatches", out var pattern)
            ? script.WhenUserMatches(Text(pattern, where, "userMatches"), OptionalText(element, "model", where))
            : script.When(OptionalText(element, "model", where), OptionalText(element, "userContains", where));
        var reply = OptionalText(element, "reply", where);
        var hasJson = element.TryGetProperty("replyJson", out var replyJson);
        var fault = OptionalText(element, "fault", where);
        if ((reply is not null ? 1 : 0) + (hasJson ? 1 : 0) + (fault is not null ? 1 : 0) != 1)
        {
            throw new FormatException($"Simulator {where} needs exactly one of \"reply\", \"replyJson\" or \"fault\".");
        }

        if (reply is not null)
        {
            builder.Reply(reply);
        }
        else if (hasJson)
        {
            builder.ReplyJson(replyJson.ValueKind == JsonValueKind.String ? replyJson.GetString()! : replyJson.GetRawText());
        }
        else
        {
            if (!Enum.TryParse<SimulatorFault>(fault, ignoreCase: true, out var parsed))
            {
                throw new FormatException($"Simulator {where} has unknown fault \"{fault}\". Valid faults: {string.Join(", ", Enum.GetNames<SimulatorFault>())}.");
            }

            TimeSpan? retryAfter = element.TryGetProperty("retryAfterSeconds", out var seconds) ? TimeSpan.FromSeconds(Number(seconds, where, "retryAfterSeconds")) : null;
            builder.Fault(parsed, retryAfter);
        }

        if (OptionalText(element, "protocol", where) is { } protocol)
        {
            builder.ForProtocol(Enum.TryParse<SimulatorProtocol>(protocol, ignoreCase: true, out var p)
                ? p
                : throw new FormatException($"Simulator {where} has unknown protocol \"{protocol}\". Use openai, anthropic or ollama."));
        }

        if (element.TryGetProperty("usage", out var usage))
        {
            builder.WithUsage((int)Number(usage.GetProperty("input"), where, "usage.input"), (int)Number(usage.GetProperty("output"), where, "usage.output"));
        }

        if (element.TryGetProperty("latencyMs", out var latency))
        {
            builder.WithLatency(TimeSpan.FromMilliseconds(Number(latency, where, "latencyMs")));
        }

        if (element.TryGetProperty("times", out var times))
        {
            builder.Times((int)Number(times, where, "times"));
        }
    }

    private static string? OptionalText(JsonElement element, string name, string where) =>
        element.TryGetProperty(name, out var value) ? Text(value, where, name) : null;

    private static string Text(JsonElement value, string where, string name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"Simulator {where}: \"{name}\" must be a string.");

    private static double Number(JsonElement value, string where, string name) =>
        value.ValueKind == JsonValueKind.Number && value.GetDouble() >= 0 ? value.GetDouble() : throw new FormatException($"Simulator {where}: \"{name}\" must be a non-negative number.");
}
