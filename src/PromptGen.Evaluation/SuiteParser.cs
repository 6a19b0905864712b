using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Validation;

namespace PromptGen.Evaluation;

/// <summary>Turns a <see cref="SuiteDocument"/> into cases: PromptGen's format here, llm_call's in <see cref="LlmCallSuite"/>.</summary>
internal static class SuiteParser
{
    private static readonly string[] s_rootFields = ["name", "description", "defaults", "cases"];
    private static readonly string[] s_caseFields = ["id", "description", "tags", "model", "prompt", "system", "messages", "images", "rules", "reasks", "maxTokens", "temperature", "stream", "skip"];
    private static readonly string[] s_defaultFields = ["model", "system", "rules", "reasks", "maxTokens", "temperature", "stream", "tags"];

    /// <summary>Reads and parses a suite file, and checks its images (in its folder unless <paramref name="allowImagesOutside"/>).</summary>
    public static IReadOnlyList<TestCase> Load(string file, string fullPath, bool allowImagesOutside = false)
    {
        using var document = SuiteReader.Read(file, fullPath);
        var parsed = document.Format == SuiteFormat.LlmCall ? LlmCallSuite.Parse(document) : Parse(document);
        var cases = parsed.Select(c => SuiteImages.Resolve(c, allowImagesOutside)).ToList();
        var duplicate = cases.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var second = duplicate.ElementAt(1);
            throw SuiteErrors.At(file, second.Line, second.Column, $"duplicate case id '{duplicate.Key}'; ids must be unique in a suite");
        }

        return cases;
    }

    private static List<TestCase> Parse(SuiteDocument document)
    {
        var root = document.Root;
        var top = new CaseReader(document, -1, "(suite)");
        top.OnlyKnown(root, "the suite", s_rootFields);
        var defaults = root.TryGetProperty("defaults", out var d) && d.ValueKind != JsonValueKind.Null ? d : default;
        if (defaults.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object))
        {
            throw top.Error($"\"defaults\" must be an object such as {{ \"model\": …, \"rules\": [ … ] }}, not {defaults.ValueKind}");
        }

        if (defaults.ValueKind == JsonValueKind.Object)
        {
            top.OnlyKnown(defaults, "defaults", s_defaultFields);
        }

        if (!root.TryGetProperty("cases", out var cases) || cases.ValueKind != JsonValueKind.Array)
        {
            throw SuiteErrors.At(document.File, 1, 1, "expected \"cases\": an array of { \"id\", \"prompt\", \"rules\" } objects");
        }

        var (defaultRules, defaultNames) = defaults.ValueKind == JsonValueKind.Object && defaults.TryGetProperty("rules", out var dr)
            ? top.Rules(dr)
            : ([], []);
        var result = new List<TestCase>();
        var index = 0;
        foreach (var element in cases.EnumerateArray())
        {
            result.Add(ParseCase(document, element, index, result.Count, defaults, defaultRules, defaultNames));
            index++;
        }

        return result;
    }

    private static TestCase ParseCase(SuiteDocument document, JsonElement element, int index, int order, JsonElement defaults, IReadOnlyList<ResponseRule> defaultRules, IReadOnlyList<string> defaultNames)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw document.Error(index, $"expected a case object {{ \"id\": …, \"prompt\": … }}, not {element.ValueKind}");
        }

        var id = element.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : null;
        var reader = new CaseReader(document, index, id ?? $"#{index + 1}");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw reader.Error("has no \"id\" (a non-empty string)");
        }

        reader.OnlyKnown(element, "a case", s_caseFields);
        var hasDefaults = defaults.ValueKind == JsonValueKind.Object;
        var system = reader.String(element, "system") ?? (hasDefaults ? reader.String(defaults, "system") : null);
        var messages = new List<CaseMessage>();
        if (system is not null)
        {
            messages.Add(new CaseMessage(ChatRole.System, system, []));
        }

        if (element.TryGetProperty("messages", out var list))
        {
            messages.AddRange(Messages(reader, list));
        }

        var prompt = reader.String(element, "prompt");
        var images = reader.Strings(element, "images");
        if (prompt is not null)
        {
            messages.Add(new CaseMessage(ChatRole.User, prompt, images));
        }
        else if (images.Count > 0)
        {
            throw reader.Error("\"images\" goes with \"prompt\"; inside \"messages\" give each message its own \"images\"");
        }

        if (!messages.Any(m => m.Role == ChatRole.User))
        {
            throw reader.Error("needs a \"prompt\" or \"messages\" with a user message");
        }

        var (rules, names) = element.TryGetProperty("rules", out var r) ? reader.Rules(r) : (defaultRules, defaultNames);
        return document.NewCase(index, order, id, messages) with
        {
            Description = reader.String(element, "description"),
            Tags = [.. reader.Strings(element, "tags"), .. hasDefaults ? reader.Strings(defaults, "tags") : []],
            Model = reader.String(element, "model") ?? (hasDefaults ? reader.String(defaults, "model") : null),
            Rules = rules,
            RuleNames = names,
            Reasks = reader.Int(element, "reasks") ?? (hasDefaults ? reader.Int(defaults, "reasks") : null),
            MaxTokens = reader.Int(element, "maxTokens") ?? (hasDefaults ? reader.Int(defaults, "maxTokens") : null),
            Temperature = reader.Float(element, "temperature") ?? (hasDefaults ? reader.Float(defaults, "temperature") : null),
            Stream = reader.Bool(element, "stream") ?? (hasDefaults ? reader.Bool(defaults, "stream") : null),
            Skip = element.TryGetProperty("skip", out var skip) ? Skip(reader, skip) : null,
        };
    }

    private static string? Skip(CaseReader reader, JsonElement skip) => skip.ValueKind switch
    {
        JsonValueKind.True => "skipped in the suite",
        JsonValueKind.False or JsonValueKind.Null => null,
        JsonValueKind.String when IsYesOrNo(skip.GetString()!) => throw reader.Error($"\"skip\" is '{skip.GetString()}', which reads as yes/no; write skip: true (or a reason to skip), or skip: false"),
        JsonValueKind.String when string.IsNullOrWhiteSpace(skip.GetString()) => throw reader.Error("\"skip\" is empty; write skip: true (or a reason to skip), or skip: false"),
        JsonValueKind.String => skip.GetString(),
        _ => throw reader.Error("\"skip\" must be true or a reason"),
    };

    private static bool IsYesOrNo(string text) =>
        text.Trim().ToLowerInvariant() is "no" or "n" or "off" or "false" or "yes" or "y" or "on" or "true" or "0" or "1";

    private static IEnumerable<CaseMessage> Messages(CaseReader reader, JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw reader.Error("\"messages\" must be an array of { \"role\", \"content\" }");
        }

        foreach (var message in list.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw reader.Error("each message must be an object { \"role\", \"content\" }");
            }

            reader.OnlyKnown(message, "a message", "role", "content", "images");
            var role = Role(reader, reader.String(message, "role"));
            yield return new CaseMessage(role, reader.String(message, "content") ?? string.Empty, reader.Strings(message, "images"));
        }
    }

    /// <summary>Maps a role name; shared with the llm_call reader.</summary>
    public static ChatRole Role(CaseReader reader, string? role) => role switch
    {
        "system" => ChatRole.System,
        "user" => ChatRole.User,
        "assistant" => ChatRole.Assistant,
        _ => throw reader.Error($"message role must be system, user or assistant, not '{role}'"),
    };
}
