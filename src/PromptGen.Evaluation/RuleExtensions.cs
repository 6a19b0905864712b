using System.Text.Json;
using PromptGen.Validation;

namespace PromptGen.Evaluation;

/// <summary>
/// Rule types suites may use beyond llm_call's built-in ones: <c>json_schema</c> (PromptGen.Validation.JsonSchema) and
/// <c>judge</c> (PromptGen's <see cref="JudgeRule"/>: <c>{ "rubric", "model"?, "min_score"? }</c>).
/// </summary>
internal static class RuleExtensions
{
    public static IReadOnlyDictionary<string, Func<JsonElement, ResponseRule>> All { get; } = Build();

    private static Dictionary<string, Func<JsonElement, ResponseRule>> Build()
    {
        var all = new Dictionary<string, Func<JsonElement, ResponseRule>>(JsonSchemaRule.LlmCallExtensions, StringComparer.Ordinal)
        {
            ["judge"] = Judge,
        };
        return all;
    }

    private static JudgeRule Judge(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw new PromptConfigurationException("The judge rule needs \"params\": { \"rubric\": \"…\" }.");
        }

        string? rubric = null;
        string? model = null;
        double? minimum = null;
        foreach (var property in parameters.EnumerateObject())
        {
            switch (property.Name)
            {
                case "rubric" when property.Value.ValueKind == JsonValueKind.String:
                    rubric = property.Value.GetString();
                    break;
                case "model" when property.Value.ValueKind == JsonValueKind.String:
                    model = property.Value.GetString();
                    break;
                case "min_score" when property.Value.ValueKind == JsonValueKind.Number:
                    minimum = property.Value.GetDouble();
                    break;
                default:
                    throw new PromptConfigurationException($"The judge rule has an unknown or mistyped parameter \"{property.Name}\"; it takes \"rubric\" (string), \"model\" (string) and \"min_score\" (0..1).");
            }
        }

        return string.IsNullOrWhiteSpace(rubric)
            ? throw new PromptConfigurationException("The judge rule needs a \"rubric\": what a good answer must satisfy.")
            : new JudgeRule(model, rubric, minimum);
    }
}
