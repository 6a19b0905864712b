using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PromptGen.Generators.Diagnostics;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Parsing;

/// <summary>Reading <c>[Prompt]</c>, <c>[SystemPrompt]</c> and <c>[Model]</c> into values.</summary>
internal static partial class ClientParser
{
    private static TemplateSource? ReadTemplate(ISymbol symbol, string attributeName, string shortName, string owner, List<DiagnosticInfo> diagnostics)
    {
        var attribute = symbol.FindAttribute(attributeName);
        if (attribute is null)
        {
            return null;
        }

        var inline = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
        var file = attribute.NamedArgument("File") as string;
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
        if ((inline is null) == (file is null))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.TemplateSourceAmbiguous,
                LocationInfo.From(syntax),
                shortName,
                owner,
                inline is null ? "has neither a template nor a File" : "has both a template and a File"));
            return null;
        }

        if (inline is not null)
        {
            var argument = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null)?.Expression;
            return new TemplateSource(shortName, inline, null, LocationInfo.From(argument) ?? LocationInfo.From(syntax), LiteralOffset(argument, inline))
            {
                Token = (argument as LiteralExpressionSyntax)?.Token.Text,
            };
        }

        return new TemplateSource(shortName, null, file, LocationInfo.From(NamedArgumentSyntax(attribute, "File")) ?? LocationInfo.From(syntax), -1);
    }

    private static ModelSettings? ReadModel(ISymbol symbol)
    {
        var attribute = symbol.FindAttribute(KnownNames.ModelAttribute);
        if (attribute is null || attribute.ConstructorArguments.Length == 0)
        {
            return null;
        }

        var id = attribute.ConstructorArguments[0].Value as string ?? string.Empty;
        var fallbacks = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Fallbacks").Value;
        var fallbackIds = fallbacks.Kind == TypedConstantKind.Array
            ? fallbacks.Values.Select(v => v.Value as string ?? string.Empty).ToEquatableArray()
            : EquatableArray<string>.Empty;
        var temperature = attribute.NamedArgument("Temperature") is double t && !double.IsNaN(t) ? t : (double?)null;
        var maxTokens = attribute.NamedArgument("MaxOutputTokens") is int m && m != 0 ? m : (int?)null; // negative: PG0205
        return new ModelSettings(id, fallbackIds, temperature, maxTokens, LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax()));
    }

    private static ExpressionSyntax? NamedArgumentSyntax(AttributeData attribute, string name) =>
        (attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax)?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.Expression;

    /// <summary>
    /// How many characters precede the value inside the literal (1 for <c>"..."</c>, 2 for <c>@"..."</c>, 3 for a
    /// one-line raw string), when the literal holds the value verbatim on one line; otherwise -1.
    /// </summary>
    internal static int LiteralOffset(ExpressionSyntax? expression, string value)
    {
        if (expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
        {
            return -1;
        }

        var text = literal.Token.Text;
        var prefix = text.StartsWith("@", System.StringComparison.Ordinal) ? 1 : 0;
        while (prefix < text.Length && text[prefix] == '"')
        {
            prefix++;
        }

        var quotes = prefix - (text.StartsWith("@", System.StringComparison.Ordinal) ? 1 : 0);
        var verbatim = text.Length == prefix + value.Length + quotes && string.CompareOrdinal(text, prefix, value, 0, value.Length) == 0;
        return verbatim && text.IndexOf('\n') < 0 ? prefix : -1;
    }
}
