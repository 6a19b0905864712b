using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PromptGen.CodeFixes;

/// <summary>PG0201: rewrites <c>openai:gpt-4o</c> (a known provider, then ':', '\' or '|') as <c>openai/gpt-4o</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FixModelIdSeparatorFix))]
[Shared]
public sealed class FixModelIdSeparatorFix : PromptGenCodeFix
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PG0201");

    /// <inheritdoc />
    protected override Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, (SyntaxNode Root, SyntaxNode Node, TextSpan Span) found)
    {
        // The diagnostic sits on the attribute (or the id itself): every wrongly separated id inside it.
        var scope = (SyntaxNode?)found.Node.FirstAncestorOrSelf<AttributeSyntax>() ?? found.Node;
        var wrong = new List<(LiteralExpressionSyntax Literal, string Fixed)>();
        foreach (var literal in scope.DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>())
        {
            if (literal.IsKind(SyntaxKind.StringLiteralExpression) && ModelIdGrammar.WrongSeparator(literal.Token.ValueText) is { } fixedId)
            {
                wrong.Add((literal, fixedId));
            }
        }

        if (wrong.Count == 0)
        {
            return Task.CompletedTask;
        }

        var document = context.Document;
        var title = wrong.Count == 1 ? $"Use '{wrong[0].Fixed}'" : "Use '/' between provider and model: " + string.Join(", ", wrong.Select(w => "'" + w.Fixed + "'"));
        FixSupport.Register(context, diagnostic, title, _ =>
        {
            var map = wrong.ToDictionary(w => (SyntaxNode)w.Literal, w => w.Fixed);
            var root = found.Root.ReplaceNodes(map.Keys, (original, _) =>
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(map[original])).WithTriviaFrom(original));
            return Task.FromResult(document.WithSyntaxRoot(root));
        }, "PG0201:separator");
        return Task.CompletedTask;
    }
}
