using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PromptGen.CodeFixes;

/// <summary>
/// PG0304 and PG0308: removes a validation rule that can never pass, checks nothing, or would never run (a rule on a
/// streaming method).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveRuleFix))]
[Shared]
public sealed class RemoveRuleFix : PromptGenCodeFix
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PG0304", "PG0308");

    /// <inheritdoc />
    protected override Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, (SyntaxNode Root, SyntaxNode Node, TextSpan Span) found)
    {
        if (found.Node.FirstAncestorOrSelf<AttributeSyntax>() is not { Parent: AttributeListSyntax list } attribute)
        {
            return Task.CompletedTask;
        }

        var document = context.Document;
        FixSupport.Register(context, diagnostic, $"Remove [{attribute.Name}]", _ =>
        {
            var root = list.Attributes.Count == 1
                ? found.Root.RemoveNode(list, SyntaxRemoveOptions.KeepExteriorTrivia)!
                : found.Root.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(attribute)));
            return Task.FromResult(document.WithSyntaxRoot(root));
        }, diagnostic.Id + ":remove");
        return Task.CompletedTask;
    }
}
