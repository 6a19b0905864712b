using System.Text.Json;

namespace PromptGen.Validation;

/// <summary>
/// Reads llm_call's validation rule form <c>{ "type": …, "params": { … } }</c> into PromptGen rules, without reflection.
/// Unlike llm_call, an unknown type, an unknown parameter or a bad value is an error that names the rule and the
/// parameter; nothing is skipped silently. See docs/validation.md for the mapping table.
/// </summary>
public static partial class LlmCallRuleParser
{
    /// <summary>Gets the rule types understood without extensions.</summary>
    public static IReadOnlyList<string> KnownTypes { get; } = ["response_not_empty", "not_empty", "json_string", "field_present", "string_check", "code_syntax", "agent_task"];

    /// <summary>Parses one rule.</summary>
    /// <param name="rule">The rule object.</param>
    /// <param name="extensions">Extra rule types by name (for example <c>json_schema</c> from PromptGen.Validation.JsonSchema); each gets the <c>params</c> object.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="PromptConfigurationException">The type is unknown or a parameter is missing, unknown or of the wrong kind.</exception>
    public static ResponseRule Parse(JsonElement rule, IReadOnlyDictionary<string, Func<JsonElement, ResponseRule>>? extensions = null) =>
        Parse(rule, "validation rule", extensions);

    /// <summary>Parses a list of rules (llm_call's <c>validation</c> array, or a single rule object).</summary>
    /// <param name="rules">The array.</param>
    /// <param name="extensions">Extra rule types by name.</param>
    /// <returns>The rules, in order.</returns>
    /// <exception cref="PromptConfigurationException">A rule is invalid; the message names its index.</exception>
    public static IReadOnlyList<ResponseRule> ParseAll(JsonElement rules, IReadOnlyDictionary<string, Func<JsonElement, ResponseRule>>? extensions = null)
    {
        if (rules.ValueKind == JsonValueKind.Object)
        {
            return [Parse(rules, "validation rule", extensions)];
        }

        if (rules.ValueKind != JsonValueKind.Array)
        {
            throw Error("validation", $"must be an array of rules, not {rules.ValueKind}");
        }

        var list = new List<ResponseRule>();
        var index = 0;
        foreach (var rule in rules.EnumerateArray())
        {
            list.Add(Parse(rule, $"validation[{index++}]", extensions));
        }

        return list;
    }

    private static ResponseRule Parse(JsonElement rule, string where, IReadOnlyDictionary<string, Func<JsonElement, ResponseRule>>? extensions)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw Error(where, $"must be an object like {{\"type\": \"response_not_empty\"}}, not {rule.ValueKind}");
        }

        if (!rule.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String || typeElement.GetString() is not { Length: > 0 } type)
        {
            throw Error(where, "has no \"type\"; give one of: " + string.Join(", ", KnownTypes.Concat(extensions?.Keys ?? [])));
        }

        foreach (var property in rule.EnumerateObject())
        {
            if (property.Name is not ("type" or "params"))
            {
                throw Error($"{where} ('{type}')", $"has an unknown field \"{property.Name}\"; put parameters inside \"params\"");
            }
        }

        where = $"{where} ('{type}')";
        var parameters = rule.TryGetProperty("params", out var p) ? p : default;
        if (parameters.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object or JsonValueKind.Null))
        {
            throw Error(where, "\"params\" must be an object");
        }

        if (extensions is not null && extensions.TryGetValue(type, out var factory))
        {
            return Wrap(where, () => factory(parameters));
        }

        var reader = new Params(parameters, where);
        ResponseRule parsed = type switch
        {
            "response_not_empty" or "not_empty" => new NotEmptyRule(),
            "json_string" => new JsonRule(),
            "field_present" => FieldPresent(reader),
            "string_check" => StringCheck(reader),
            "code_syntax" => new CodeSyntaxRule(reader.Enum<CodeLanguage>("language")),
            "agent_task" => AgentTask(reader),
            _ => throw Error(where, $"is an unknown rule type; known types: {string.Join(", ", KnownTypes.Concat(extensions?.Keys ?? []))}"),
        };
        reader.EnsureAllUsed();
        return parsed;
    }

    private static ResponseRule FieldPresent(Params reader)
    {
        var path = reader.OptionalString("field_path") ?? reader.OptionalString("field_name") ?? throw reader.Missing("field_path");
        var present = reader.OptionalBool("present") ?? reader.OptionalBool("should_exist") ?? true;
        var expected = reader.OptionalValue("expected_value")?.Clone();
        if (!present && expected is not null)
        {
            throw reader.Bad("expected_value", "cannot be combined with \"present\": false");
        }

        return Wrap(reader.Where, () => present ? new RequiredFieldRule(path) { ExpectedValue = expected } : new ForbiddenFieldRule(path));
    }

    private static JudgeRule AgentTask(Params reader)
    {
        var model = reader.RequiredString("validation_model_alias");
        var task = reader.RequiredString("task_prompt_to_claude");
        var mcp = reader.OptionalValue("mcp_config");
        var criteria = reader.OptionalValue("success_criteria");
        string? verdictField = "validation_passed";
        IReadOnlyList<string> details = [];
        if (criteria is { } c)
        {
            var inner = new Params(c, $"{reader.Where} success_criteria");
            verdictField = inner.OptionalString("agent_must_report_true");
            details = inner.OptionalStrings("all_true_in_details_keys") ?? [];
            inner.EnsureAllUsed();
            if (verdictField is null && details.Count == 0)
            {
                throw reader.Bad("success_criteria", "needs \"agent_must_report_true\" or \"all_true_in_details_keys\"");
            }
        }

        return new JudgeRule(model, task)
        {
            PromptTemplate = task,
            VerdictField = verdictField,
            RequiredTrueDetails = details,
            McpConfigJson = mcp is { ValueKind: JsonValueKind.Object } m ? m.GetRawText() : mcp is null ? null : throw reader.Bad("mcp_config", "must be an object like {\"mcpServers\": {…}}"),
        };
    }

    private static ResponseRule Wrap(string where, Func<ResponseRule> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException exception)
        {
            throw Error(where, $"has a bad parameter: {exception.Message}");
        }
    }

    private static PromptConfigurationException Error(string where, string problem) => new($"The llm_call {where} {problem}.");
}
