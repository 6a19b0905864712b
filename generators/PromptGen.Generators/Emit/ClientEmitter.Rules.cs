using System.Collections.Generic;
using System.Linq;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Emit;

/// <summary>Validation rules as runtime rule objects, built once in the method's static descriptor.</summary>
internal static partial class ClientEmitter
{
    private const string Validation = "global::PromptGen.Validation.";

    private static IEnumerable<string> RuleInitializers(MethodSpec method)
    {
        if (method.Rules.Count > 0)
        {
            var rules = string.Join(", ", method.Rules.Select(Rule));
            yield return $"Rules = new {Validation}ResponseRule[] {{ {rules} }}";

            // The rules' version in the response-cache key: a hash of exactly what builds them, so changed rules never
            // serve an answer the old ones validated.
            yield return $"RulesVersion = {Literals.String(Fnv1a(rules))}";
        }

        if (method.ReaskBudget is { } budget)
        {
            yield return $"ReaskBudget = {Literals.Int(budget)}";
        }
    }

    /// <summary>The expression that creates one rule, with its custom message when the attribute sets one.</summary>
    private static string Rule(RuleSpec spec)
    {
        var rule = spec.Rule;
        var first = rule.Strings.Count > 0 ? Literals.String(rule.Strings[0]) : "\"\"";
        var creation = rule.Kind switch
        {
            "NotEmpty" => $"new {Validation}NotEmptyRule()",
            "JsonResponse" => $"new {Validation}JsonRule()",
            "MatchesSchema" => $"{Validation}JsonSchemaRule.FromJson({Literals.String(spec.FileText ?? "{}")})",
            "RequiredField" => $"new {Validation}RequiredFieldRule({first})",
            "ForbiddenField" => $"new {Validation}ForbiddenFieldRule({first})",
            "ValidCode" => $"new {Validation}CodeSyntaxRule((global::PromptGen.CodeLanguage){Literals.Int(rule.Int1)})",
            "Contains" => $"new {Validation}ContainsRule({first}, {Bool(rule.Flag)})",
            "DoesNotContain" => $"new {Validation}DoesNotContainRule({first}, {Bool(rule.Flag)})",
            "StartsWith" => $"new {Validation}StartsWithRule({first})",
            "EndsWith" => $"new {Validation}EndsWithRule({first})",
            "MatchesPattern" => $"new {Validation}PatternRule(new global::System.Text.RegularExpressions.Regex({first}, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant, global::System.TimeSpan.FromSeconds(1)))",
            "LengthBetween" => $"new {Validation}LengthRule({Literals.Int(rule.Int1)}, {Literals.Int(rule.Int2)}, (global::PromptGen.LengthUnit){Literals.Int(rule.Int3)})",
            "OneOf" => $"new {Validation}OneOfRule(new string[] {{ {string.Join(", ", rule.Strings.Select(Literals.String))} }})",
            "ContainsKeywordsFrom" => $"new {Validation}KeywordsFromFileRule(new string[] {{ {string.Join(", ", Lines(spec.FileText).Select(Literals.String))} }}, {Literals.Int(rule.Int1)}, {first})",
            "ValidateWith" => $"new {Validation}CustomRule(typeof({rule.Strings[0]}))",
            "Judge" => $"new {Validation}JudgeRule({(rule.Strings.Count > 1 && rule.Strings[1].Length > 0 ? Literals.String(rule.Strings[1]) : "null")}, {first}{(double.IsNaN(rule.Number) ? string.Empty : ", " + Literals.Double(rule.Number))})",
            _ => $"new {Validation}NotEmptyRule()",
        };
        // JsonSchemaRule is created by a factory method, so its own messages are used.
        return rule.Message is null || rule.Kind == "MatchesSchema" ? creation : $"{creation} {{ Message = {Literals.String(rule.Message)} }}";
    }

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A stable 64-bit FNV-1a hash of <paramref name="text"/> in hex (the same on every machine and run).</summary>
    private static string Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? string.Empty).Replace("\r\n", "\n").Split('\n').Where(l => l.Trim().Length > 0);
}
