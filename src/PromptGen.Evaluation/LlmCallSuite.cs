using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Validation;

namespace PromptGen.Evaluation;

/// <summary>
/// llm_call's <c>test_prompts.json</c>: <c>{ test_case_id, description, llm_config }</c> objects; string elements are
/// comments; <c>_</c>-prefixed fields are metadata. Rules go through <see cref="LlmCallRuleParser"/>, so an unknown rule
/// type fails the load instead of passing. As in llm_call, a case with no <c>validation</c> gets
/// <c>response_not_empty</c> unless <c>default_validate</c> is false. Messages ending with an assistant message (llm_call's
/// <c>meta-task/*</c> cases) validate that text as given, without a model call.
/// </summary>
internal static class LlmCallSuite
{
    private static readonly string[] s_caseFields = ["test_case_id", "description", "llm_config", "tags", "skip"];

    // Read but without effect here: PromptGen's router, retry policy and providers decide these.
    private static readonly string[] s_ignoredConfig =
        ["retry_config", "response_format", "mcp_config", "max_attempts_before_tool_use", "debug_tool_name", "debug_tool_mcp_config", "original_user_prompt", "stream", "api_base", "provider"];

    private static readonly string[] s_knownConfig = ["model", "question", "messages", "validation", "default_validate", "max_tokens", "temperature", "image_directory"];

    public static List<TestCase> Parse(SuiteDocument document)
    {
        var cases = new List<TestCase>();
        var index = 0;
        foreach (var element in document.Root.EnumerateArray())
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    break; // llm_call suites use bare strings as section comments.
                case JsonValueKind.Object:
                    cases.Add(ParseCase(document, element, index, cases.Count));
                    break;
                default:
                    throw document.Error(index, $"expected a test case object {{ \"test_case_id\", \"llm_config\" }} (or a string comment), not {element.ValueKind}");
            }

            index++;
        }

        return cases;
    }

    private static TestCase ParseCase(SuiteDocument document, JsonElement element, int index, int order)
    {
        var id = element.TryGetProperty("test_case_id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        var reader = new CaseReader(document, index, id ?? $"#{index + 1}");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw reader.Error("has no \"test_case_id\" (a non-empty string)");
        }

        reader.OnlyKnown(element, "a test case", s_caseFields);
        if (!element.TryGetProperty("llm_config", out var config) || config.ValueKind != JsonValueKind.Object)
        {
            throw reader.Error("needs \"llm_config\": an object with \"model\" and \"question\" or \"messages\"");
        }

        var ignored = new List<string>();
        foreach (var property in config.EnumerateObject())
        {
            if (s_ignoredConfig.Contains(property.Name, StringComparer.Ordinal) || property.Name.StartsWith('_'))
            {
                ignored.Add(property.Name);
            }
            else if (!s_knownConfig.Contains(property.Name, StringComparer.Ordinal))
            {
                throw reader.Error($"unknown field \"llm_config.{property.Name}\"; known fields: {string.Join(", ", s_knownConfig.Concat(s_ignoredConfig))}");
            }
        }

        var messages = new List<CaseMessage>();
        if (config.TryGetProperty("messages", out var list))
        {
            messages.AddRange(Messages(reader, list));
        }

        if (reader.String(config, "question") is { } question)
        {
            messages.Add(new CaseMessage(ChatRole.User, question, []));
        }

        // llm_call's meta-task cases end with an assistant message: the text to validate, with no model call.
        if (messages.Count == 0 || (messages[^1].Role != ChatRole.User && messages[^1].Role != ChatRole.Assistant))
        {
            throw reader.Error("llm_config needs \"question\" or \"messages\" ending with a user message (or an assistant message to validate as given)");
        }

        IReadOnlyList<ResponseRule> rules = [];
        IReadOnlyList<string> names = [];
        if (config.TryGetProperty("validation", out var validation) && validation.ValueKind != JsonValueKind.Null)
        {
            (rules, names) = reader.Rules(validation);
        }
        else if (reader.Bool(config, "default_validate") ?? true)
        {
            (rules, names) = ([new NotEmptyRule()], ["response_not_empty (llm_call default)"]);
        }

        return document.NewCase(index, order, id, messages) with
        {
            Description = reader.String(element, "description"),
            Tags = reader.Strings(element, "tags"),
            Model = reader.String(config, "model"),
            Rules = rules,
            RuleNames = names,
            MaxTokens = reader.Int(config, "max_tokens"),
            Temperature = reader.Float(config, "temperature"),
            ImageDirectory = reader.String(config, "image_directory"),
            Skip = reader.String(element, "skip"),
            Ignored = ignored,
        };
    }

    private static IEnumerable<CaseMessage> Messages(CaseReader reader, JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw reader.Error("\"llm_config.messages\" must be an array of { \"role\", \"content\" }");
        }

        foreach (var message in list.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content))
            {
                throw reader.Error("each message must be an object { \"role\", \"content\" }");
            }

            var role = SuiteParser.Role(reader, reader.String(message, "role"));
            if (content.ValueKind == JsonValueKind.String)
            {
                yield return new CaseMessage(role, content.GetString()!, []);
                continue;
            }

            if (content.ValueKind != JsonValueKind.Array)
            {
                throw reader.Error("message \"content\" must be a string or an array of { \"type\": \"text\" | \"image_url\" } parts");
            }

            var text = new List<string>();
            var images = new List<string>();
            foreach (var part in content.EnumerateArray())
            {
                var type = part.ValueKind == JsonValueKind.Object ? reader.String(part, "type") : null;
                switch (type)
                {
                    case "text":
                        text.Add(reader.String(part, "text") ?? string.Empty);
                        break;
                    case "image_url" when part.TryGetProperty("image_url", out var image):
                        images.Add((image.ValueKind == JsonValueKind.String ? image.GetString() : reader.String(image, "url"))
                            ?? throw reader.Error("an image_url part needs \"image_url\": { \"url\": … }"));
                        break;
                    default:
                        throw reader.Error($"unknown message part type '{type}'; use \"text\" or \"image_url\"");
                }
            }

            yield return new CaseMessage(role, string.Join("\n", text), images);
        }
    }
}
