using System.Text.Json;

namespace PromptGen.Validation;

public sealed partial class JudgeRule
{
    /// <summary>Reads a judge's answer strictly: either a decision (pass, or a failure with its reason) or an error.</summary>
    private readonly record struct Verdict(string? Failure, string? Error, double? Score = null)
    {
        public static Verdict Read(string text, JudgeRule rule)
        {
            var json = JsonExtractor.Extract(text);
            if (!json.Success || json.Value.ValueKind != JsonValueKind.Object)
            {
                return new(null, $"the verdict must be a JSON object, but the judge answered \"{Clip(text)}\".");
            }

            var root = json.Value;
            var reason = Text(root, "reason") ?? Text(root, "reasoning") ?? "no reason given";
            var failures = new List<string>();
            if (rule.VerdictField is { } field)
            {
                if (!root.TryGetProperty(field, out var flag) || flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return new(null, $"the verdict has no boolean \"{field}\" field.");
                }

                if (flag.ValueKind == JsonValueKind.False)
                {
                    failures.Add(reason);
                }
            }

            double? scored = null;
            if (root.TryGetProperty("score", out var score) && score.ValueKind != JsonValueKind.Null)
            {
                if (score.ValueKind != JsonValueKind.Number || !score.TryGetDouble(out var value) || value < 0 || value > 1)
                {
                    return new(null, $"the verdict's \"score\" must be a number from 0 to 1, not {score.GetRawText()}.");
                }

                scored = value;
                if (rule.MinimumScore is { } min && value < min && failures.Count == 0)
                {
                    failures.Add($"score {value:0.##} is below the required {min:0.##} ({reason})");
                }
            }
            else if (rule.MinimumScore is not null)
            {
                return new(null, "the verdict has no \"score\", but this judge rule requires a minimum score.");
            }

            foreach (var key in rule.RequiredTrueDetails)
            {
                if (!root.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Object
                    || !details.TryGetProperty(key, out var detail) || detail.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return new(null, $"the verdict has no boolean \"details.{key}\".");
                }

                if (detail.ValueKind == JsonValueKind.False)
                {
                    failures.Add($"{key} is false ({reason})");
                }
            }

            return new(failures.Count == 0 ? null : string.Join("; ", failures.Distinct(StringComparer.Ordinal)), null, scored);
        }

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
