using System.Text.Json;
using System.Text.RegularExpressions;

namespace PromptGen.Testing;

public sealed partial class SimulatorScript
{
    private static readonly string[] s_ruleKeys =
        ["model", "userContains", "userMatches", "protocol", "reply", "replyJson", "fault", "retryAfterSeconds", "usage", "latencyMs", "tokenIntervalMs", "times"];

    private static readonly string[] s_rootKeys = ["rules", "defaultReply", "$schema"];

    /// <summary>Loads a rules file (format in the package README). Errors name the file, the rule index and the field.</summary>
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
            throw new FormatException($"Cannot read simulator rules file '{path}': {exception.Message}", exception);
        }

        return FromJson(json, path);
    }

    /// <summary>Parses rules from JSON text (format in the package README).</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="source">A name for error messages, for example the file path.</param>
    /// <returns>The script.</returns>
    /// <exception cref="FormatException">The text is not JSON or a rule is invalid; the message names the source, the rule index and the field.</exception>
    public static SimulatorScript FromJson(string json, string source = "rules")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new FormatException($"Simulator rules in '{source}' are not valid JSON (line {exception.LineNumber + 1}): {exception.Message}", exception);
        }

        using (document)
        {
            var script = new SimulatorScript();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"Simulator rules in '{source}' must be an object with a \"rules\" array: {{\"rules\": [{{\"userContains\": \"hello\", \"reply\": \"Hi!\"}}]}}.");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!s_rootKeys.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw new FormatException($"Simulator rules in '{source}' have unknown top-level field \"{property.Name}\". Valid fields: rules, defaultReply.");
                }
            }

            if (root.TryGetProperty("defaultReply", out var defaultReply))
            {
                script.DefaultReply = Text(defaultReply, $"rules in '{source}'", "defaultReply");
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
            throw new FormatException($"Simulator {where} must be an object, like {{\"userContains\": \"hello\", \"reply\": \"Hi!\"}}.");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!s_ruleKeys.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new FormatException($"Simulator {where} has unknown field \"{property.Name}\". Valid fields: {string.Join(", ", s_ruleKeys)}.");
            }
        }

        var reply = OptionalText(element, "reply", where);
        var hasJson = element.TryGetProperty("replyJson", out var replyJson);
        var fault = OptionalText(element, "fault", where);
        if ((reply is not null ? 1 : 0) + (hasJson ? 1 : 0) + (fault is not null ? 1 : 0) != 1)
        {
            throw new FormatException($"Simulator {where} needs exactly one of \"reply\", \"replyJson\" or \"fault\".");
        }

        SimulatorFault? parsedFault = null;
        if (fault is not null)
        {
            parsedFault = Enum.TryParse<SimulatorFault>(fault, ignoreCase: true, out var f) && !int.TryParse(fault, out _)
                ? f
                : throw new FormatException($"Simulator {where} has unknown fault \"{fault}\" in field \"fault\". Valid faults: {string.Join(", ", Enum.GetNames<SimulatorFault>().Select(Camel))}.");
        }

        TimeSpan? retryAfter = null;
        if (element.TryGetProperty("retryAfterSeconds", out var seconds))
        {
            if (parsedFault != SimulatorFault.RateLimited)
            {
                throw new FormatException($"Simulator {where}: \"retryAfterSeconds\" only applies to \"fault\": \"rateLimited\".");
            }

            retryAfter = TimeSpan.FromSeconds(Integer(seconds, where, "retryAfterSeconds"));
        }

        SimulatorProtocol? protocol = null;
        if (OptionalText(element, "protocol", where) is { } protocolName)
        {
            protocol = Enum.TryParse<SimulatorProtocol>(protocolName, ignoreCase: true, out var p) && p != SimulatorProtocol.Other && !int.TryParse(protocolName, out _)
                ? p
                : throw new FormatException($"Simulator {where} has unknown protocol \"{protocolName}\" in field \"protocol\". Use openai, anthropic or ollama.");
        }

        // Validate everything before adding, so a bad rule never leaves half a rule behind.
        var usage = element.TryGetProperty("usage", out var usageElement) ? Usage(usageElement, where) : ((int, int)?)null;
        var latency = element.TryGetProperty("latencyMs", out var latencyElement) ? TimeSpan.FromMilliseconds(Number(latencyElement, where, "latencyMs")) : (TimeSpan?)null;
        var interval = element.TryGetProperty("tokenIntervalMs", out var intervalElement) ? TimeSpan.FromMilliseconds(Number(intervalElement, where, "tokenIntervalMs")) : (TimeSpan?)null;
        var times = element.TryGetProperty("times", out var timesElement) ? Integer(timesElement, where, "times") : (int?)null;
        var model = OptionalText(element, "model", where);
        var userContains = OptionalText(element, "userContains", where);
        var pattern = OptionalText(element, "userMatches", where);
        if (pattern is not null && userContains is not null)
        {
            throw new FormatException($"Simulator {where}: use either \"userContains\" or \"userMatches\", not both.");
        }

        if (pattern is not null)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException exception)
            {
                throw new FormatException($"Simulator {where}: \"userMatches\" is not a valid regular expression: {exception.Message}", exception);
            }
        }

        var builder = pattern is not null ? script.WhenUserMatches(pattern, model) : script.When(model, userContains);
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
            builder.Fault(parsedFault!.Value, retryAfter);
        }

        if (protocol is { } forProtocol)
        {
            builder.ForProtocol(forProtocol);
        }

        if (interval is { } tokenInterval)
        {
            builder.WithTokenInterval(tokenInterval);
        }

        if (usage is var (input, output))
        {
            builder.WithUsage(input, output);
        }

        if (latency is { } delay)
        {
            builder.WithLatency(delay);
        }

        if (times is { } count)
        {
            builder.Times(count);
        }
    }

    private static (int Input, int Output) Usage(JsonElement usage, string where)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"Simulator {where}: \"usage\" must be an object like {{\"input\": 10, \"output\": 2}}.");
        }

        foreach (var property in usage.EnumerateObject())
        {
            if (property.Name is not ("input" or "output"))
            {
                throw new FormatException($"Simulator {where}: \"usage\" has unknown field \"{property.Name}\". Valid fields: input, output.");
            }
        }

        return (
            usage.TryGetProperty("input", out var input) ? Integer(input, where, "usage.input") : throw Missing(where, "usage.input"),
            usage.TryGetProperty("output", out var output) ? Integer(output, where, "usage.output") : throw Missing(where, "usage.output"));
    }

    private static FormatException Missing(string where, string name) => new($"Simulator {where}: \"{name}\" is required.");

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string? OptionalText(JsonElement element, string name, string where) =>
        element.TryGetProperty(name, out var value) ? Text(value, where, name) : null;

    private static string Text(JsonElement value, string where, string name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"Simulator {where}: \"{name}\" must be a string.");

    private static double Number(JsonElement value, string where, string name) =>
        value.ValueKind == JsonValueKind.Number && value.GetDouble() is >= 0 and var number && double.IsFinite(number)
            ? number
            : throw new FormatException($"Simulator {where}: \"{name}\" must be a non-negative number.");

    private static int Integer(JsonElement value, string where, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0
            ? number
            : throw new FormatException($"Simulator {where}: \"{name}\" must be a non-negative whole number.");
}
