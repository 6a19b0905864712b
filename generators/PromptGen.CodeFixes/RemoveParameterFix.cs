using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PromptGen.CodeFixes;

/// <summary>PG0006: removes a second CancellationToken or PromptCallOptions parameter, which the call would ignore.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveParameterFix))]
[Shared]
public sealed class RemoveParameterFix : PromptGenCodeFix
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PG0006");

    /// <inheritdoc />
    protected override Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, (SyntaxNode Root, SyntaxNode Node, TextSpan Span) found)
    {
        if (found.Node.FirstAncestorOrSelf<ParameterSyntax>() is not { Parent: ParameterListSyntax list } parameter)
        {
            return Task.CompletedTask;
        }

        var document = context.Document;
        FixSupport.Register(context, diagnostic, $"Remove parameter '{parameter.Identifier.Text}'", _ =>
            Task.FromResult(document.WithSyntaxRoot(found.Root.ReplaceNode(list, list.WithParameters(list.Parameters.Remove(parameter))))));
        return Task.CompletedTask;
    }
}
