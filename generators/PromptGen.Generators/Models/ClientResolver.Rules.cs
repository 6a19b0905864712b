using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using PromptGen.Generators.Diagnostics;
using PromptGen.Generators.Emit;

namespace PromptGen.Generators.Models;

/// <summary>Build-time checks of the validation rules (PG03xx): patterns compile, files exist, paths exist on <c>T</c>, bounds agree.</summary>
internal static partial class ClientResolver
{
    private static EquatableArray<RuleSpec> ResolveRules(
        MethodDeclaration method,
        bool hasJsonSchemaRules,
        string owner,
        ImmutableArray<TemplateFile> files,
        ImmutableArray<JsonContextModel> contexts,
        List<DiagnosticInfo> diagnostics)
    {
        var specs = new List<RuleSpec>();
        if (method.ReaskBudget is < 0 or > 10)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContradictoryRule, method.Location, owner, "Reask", $"MaxReasks is {method.ReaskBudget}; use 0 (no re-asks) to 10"));
        }

        foreach (var rule in method.Rules)
        {
            string? fileText = null;
            var first = rule.Strings.Count > 0 ? rule.Strings[0] : string.Empty;
            switch (rule.Kind)
            {
                case "MatchesPattern":
                    if (PatternProblem(first) is { } problem)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPattern, rule.Location, owner, first, problem));
                    }

                    break;
                case "MatchesSchema":
                case "ContainsKeywordsFrom":
                    var file = FindFile(files, first);
                    if (file is null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RuleFileNotFound, rule.Location, owner, rule.Kind, first));
                    }
                    else
                    {
                        fileText = file.Text;
                    }

                    if (rule.Kind == "MatchesSchema" && !hasJsonSchemaRules)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.JsonSchemaPackageMissing, rule.Location, owner));
                    }

                    if (rule.Kind == "ContainsKeywordsFrom" && rule.Int1 < 1)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContradictoryRule, rule.Location, owner, rule.Kind, $"Minimum is {rule.Int1}; require at least 1 keyword"));
                    }

                    break;
                case "RequiredField":
                case "ForbiddenField":
                    if (FieldPathProblem(first, method, contexts) is { } pathProblem)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownFieldPath, rule.Location, owner, first, pathProblem));
                    }

                    break;
                case "LengthBetween":
                    if (rule.Int1 < 0 || rule.Int2 < rule.Int1)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContradictoryRule, rule.Location, owner, rule.Kind,
                            $"the bounds {rule.Int1}..{rule.Int2} admit no length; use 0 <= min <= max"));
                    }

                    break;
                case "OneOf":
                    if (rule.Strings.Count == 0)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContradictoryRule, rule.Location, owner, rule.Kind, "it lists no values, so no answer can pass; list the allowed answers"));
                    }

                    break;
                case "Contains":
                case "StartsWith":
                case "EndsWith":
                    if (first.Length == 0)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContradictoryRule, rule.Location, owner, rule.Kind, "its text is empty, so it checks nothing; give the text to look for"));
                    }

                    break;
                case "ValidateWith":
                    if (!rule.Flag)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAValidator, rule.Location, owner, first.Replace("global::", string.Empty)));
                    }

                    break;
                case "Judge":
                    if (rule.Strings.Count > 1 && rule.Strings[1].Length == 0)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.JudgeWithoutModel, rule.Location, owner));
                    }
                    else if (rule.Strings.Count > 1 && Parsing.ModelIdSyntax.Check(rule.Strings[1]) is { } modelProblem)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedModelId, rule.Location, owner + " [Judge(Model)]", modelProblem));
                    }

                    if (first.Trim().Length == 0)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContradictoryRule, rule.Location, owner, rule.Kind, "its rubric is empty; say what a good answer must do"));
                    }

                    break;
            }

            specs.Add(new RuleSpec(rule, fileText));
        }

        return specs.ToEquatableArray();
    }

    private static string? PatternProblem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>For JSON results, whether every segment of <paramref name="path"/> names a property (or an index into an array) of <c>T</c>.</summary>
    private static string? FieldPathProblem(string path, MethodDeclaration method, ImmutableArray<JsonContextModel> contexts)
    {
        var parsed = Templates.MemberPath.Parse(path);
        if (parsed.Problem is not null || parsed.Segments.Count == 0)
        {
            return "the path is empty or has an empty segment; write names separated by '.', with [n] for array items, e.g. 'items[0].name'";
        }

        if (method.Schema is not { } node)
        {
            return null;
        }

        var policy = contexts.FirstOrDefault(c => c.Types.Any(t => t.Type == method.ResultType))?.NamingPolicy;
        foreach (var segment in parsed.Segments)
        {
            var name = segment.Name;
            if (name.Length > 0)
            {
                if (node.Kind is JsonKind.Any or JsonKind.Dictionary)
                {
                    return null;
                }

                var property = node.Kind == JsonKind.Object
                    ? node.Properties.FirstOrDefault(p => string.Equals(p.JsonName ?? JsonNaming.Apply(policy, p.ClrName), name, StringComparison.Ordinal)
                        || string.Equals(p.ClrName, name, StringComparison.OrdinalIgnoreCase))
                    : null;
                if (property is null)
                {
                    var known = node.Kind == JsonKind.Object ? string.Join(", ", node.Properties.Select(p => p.JsonName ?? JsonNaming.Apply(policy, p.ClrName))) : "none: it is not an object";
                    return $"'{name}' is not a property there (properties: {known})";
                }

                node = property.Schema;
            }

            for (var index = 0; index < segment.Indexes; index++)
            {
                if (node.Kind != JsonKind.Array || node.Items is null)
                {
                    return node.Kind == JsonKind.Any ? null : $"'{segment.Text}' indexes a value that is not an array";
                }

                node = node.Items;
            }
        }

        return null;
    }
}
