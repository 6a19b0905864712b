using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PromptGen.CodeFixes;

/// <summary>PG0001: adds <c>partial</c> to a [PromptClient] interface.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeInterfacePartialFix))]
[Shared]
public sealed class MakeInterfacePartialFix : PromptGenCodeFix
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PG0001");

    /// <inheritdoc />
    protected override Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, (SyntaxNode Root, SyntaxNode Node, TextSpan Span) found)
    {
        if (found.Node.FirstAncestorOrSelf<InterfaceDeclarationSyntax>() is not { } declaration
            || declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return Task.CompletedTask;
        }

        var document = context.Document;
        FixSupport.Register(context, diagnostic, $"Make '{declaration.Identifier.Text}' partial", _ =>
        {
            var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            InterfaceDeclarationSyntax updated;
            if (declaration.Modifiers.Count == 0)
            {
                var keyword = declaration.Keyword;
                updated = declaration
                    .WithKeyword(keyword.WithLeadingTrivia())
                    .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
            }
            else
            {
                updated = declaration.AddModifiers(partial);
            }

            return Task.FromResult(document.WithSyntaxRoot(found.Root.ReplaceNode(declaration, updated)));
        });
        return Task.CompletedTask;
    }
}
