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

/// <summary>PG0005: adds <c>CancellationToken cancellationToken = default</c> as the last parameter (before a params array).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddCancellationTokenFix))]
[Shared]
public sealed class AddCancellationTokenFix : PromptGenCodeFix
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PG0005");

    /// <inheritdoc />
    protected override Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, (SyntaxNode Root, SyntaxNode Node, TextSpan Span) found)
    {
        if (found.Node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
        {
            return Task.CompletedTask;
        }

        var document = context.Document;
        FixSupport.Register(context, diagnostic, "Add 'CancellationToken cancellationToken = default'", async cancellationToken =>
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var parameters = method.ParameterList.Parameters;
            var typeName = model is null ? "global::System.Threading.CancellationToken"
                : TypeNames.At(model, method.ParameterList.SpanStart, "System.Threading", "CancellationToken");
            var name = "cancellationToken";
            for (var i = 2; parameters.Any(p => p.Identifier.Text == name); i++)
            {
                name = "cancellationToken" + i;
            }

            var declaration = $"{typeName} {name} = default";
            var last = parameters.LastOrDefault();
            if (last is null)
            {
                return await FixSupport.ReplaceTextAsync(document, new Microsoft.CodeAnalysis.Text.TextSpan(method.ParameterList.CloseParenToken.SpanStart, 0), declaration, cancellationToken).ConfigureAwait(false);
            }

            // A params array must stay last.
            return last.Modifiers.Any(SyntaxKind.ParamsKeyword)
                ? await FixSupport.ReplaceTextAsync(document, new Microsoft.CodeAnalysis.Text.TextSpan(last.SpanStart, 0), declaration + ", ", cancellationToken).ConfigureAwait(false)
                : await FixSupport.ReplaceTextAsync(document, new Microsoft.CodeAnalysis.Text.TextSpan(last.Span.End, 0), ", " + declaration, cancellationToken).ConfigureAwait(false);
        });
        return Task.CompletedTask;
    }
}
