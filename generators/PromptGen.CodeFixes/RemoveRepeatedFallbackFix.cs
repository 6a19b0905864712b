using System;
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

/// <summary>PG0203: removes each fallback of a [Model] that repeats a model earlier in its chain.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveRepeatedFallbackFix))]
[Shared]
public sealed class RemoveRepeatedFallbackFix : PromptGenCodeFix
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PG0203");

    /// <inheritdoc />
    protected override Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, (SyntaxNode Root, SyntaxNode Node, TextSpan Span) found)
    {
        if (found.Node.FirstAncestorOrSelf<AttributeSyntax>() is not { ArgumentList: { } arguments })
        {
            return Task.CompletedTask;
        }

        // The chain in order: the id, then the fallbacks; a literal inside a collection that repeats an earlier one goes.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var repeats = new List<LiteralExpressionSyntax>();
        foreach (var literal in arguments.DescendantNodes().OfType<LiteralExpressionSyntax>().Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)))
        {
            if (!seen.Add(literal.Token.ValueText) && literal.Parent is CollectionElementSyntax or InitializerExpressionSyntax)
            {
                repeats.Add(literal);
            }
        }

        if (repeats.Count == 0)
        {
            return Task.CompletedTask;
        }

        var document = context.Document;
        FixSupport.Register(context, diagnostic, "Remove repeated fallback " + string.Join(", ", repeats.Select(r => "'" + r.Token.ValueText + "'")), _ =>
        {
            var toRemove = repeats.Select(r => r.Parent is ExpressionElementSyntax element ? (SyntaxNode)element : r).ToList();
            var root = found.Root.RemoveNodes(toRemove, SyntaxRemoveOptions.KeepNoTrivia)!;
            return Task.FromResult(document.WithSyntaxRoot(root));
        }, "PG0203:remove");
        return Task.CompletedTask;
    }
}
