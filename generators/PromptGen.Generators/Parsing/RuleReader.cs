using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Parsing;

/// <summary>Reads the validation-rule attributes (<c>ResponseRuleAttribute</c> subclasses) and <c>[Reask]</c> of a method.</summary>
internal static class RuleReader
{
    public static EquatableArray<RuleDeclaration> Read(IMethodSymbol method, out int? reaskBudget)
    {
        reaskBudget = null;
        var rules = new List<RuleDeclaration>();
        foreach (var attribute in method.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (type is null)
            {
                continue;
            }

            if (type.HasFullName(KnownNames.ReaskAttribute))
            {
                reaskBudget = attribute.NamedArgument("MaxReasks") is int budget ? budget : 2;
                continue;
            }

            if (!type.DerivesFrom(KnownNames.ResponseRuleAttribute))
            {
                continue;
            }

            var kind = type.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - "Attribute".Length) : type.Name;
            var args = attribute.ConstructorArguments;
            var strings = new List<string>();
            int int1 = 0, int2 = 0, int3 = 0;
            var flag = false;
            var number = double.NaN;
            switch (kind)
            {
                case "Contains":
                case "DoesNotContain":
                    strings.Add(args[0].Value as string ?? string.Empty);
                    flag = attribute.NamedArgument("IgnoreCase") as bool? ?? true;
                    break;
                case "StartsWith":
                case "EndsWith":
                case "MatchesPattern":
                case "MatchesSchema":
                case "RequiredField":
                case "ForbiddenField":
                    strings.Add(args.Length > 0 ? args[0].Value as string ?? string.Empty : string.Empty);
                    break;
                case "LengthBetween":
                    int1 = args[0].Value is int min ? min : 0;
                    int2 = args[1].Value is int max ? max : 0;
                    int3 = attribute.NamedArgument("Unit") is int unit ? unit : 0;
                    break;
                case "OneOf":
                    strings.AddRange(args.Length > 0 && args[0].Kind == TypedConstantKind.Array ? args[0].Values.Select(v => v.Value as string ?? string.Empty) : Enumerable.Empty<string>());
                    break;
                case "ContainsKeywordsFrom":
                    strings.Add(args[0].Value as string ?? string.Empty);
                    int1 = attribute.NamedArgument("Minimum") is int minimum ? minimum : 1;
                    break;
                case "ValidCode":
                    int1 = args[0].Value is int language ? language : 0;
                    break;
                case "ValidateWith":
                    var validator = args.Length > 0 ? args[0].Value as ITypeSymbol : null;
                    strings.Add(validator?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) ?? string.Empty);
                    flag = validator is not null && validator.Implements(KnownNames.ResponseValidator);
                    break;
                case "Judge":
                    strings.Add(args[0].Value as string ?? string.Empty);
                    strings.Add(attribute.NamedArgument("Model") as string ?? string.Empty);
                    number = attribute.NamedArgument("MinimumScore") is double score ? score : double.NaN;
                    break;
            }

            rules.Add(new RuleDeclaration(kind, strings.ToEquatableArray(), int1, int2, int3, flag, number, attribute.NamedArgument("Message") as string,
                LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax())));
        }

        return rules.ToEquatableArray();
    }

}
