using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PromptGen.CodeFixes;

/// <summary>PG0403: declares a byte[], Stream, ReadOnlyMemory&lt;byte&gt; or BinaryData parameter as PromptImage (nullability kept).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UsePromptImageFix))]
[Shared]
public sealed class UsePromptImageFix : PromptGenCodeFix
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PG0403");

    /// <inheritdoc />
    protected override Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, (SyntaxNode Root, SyntaxNode Node, TextSpan Span) found)
    {
        if (found.Node.FirstAncestorOrSelf<ParameterSyntax>() is not { Type: { } type } parameter)
        {
            return Task.CompletedTask;
        }

        var document = context.Document;
        FixSupport.Register(context, diagnostic, $"Declare '{parameter.Identifier.Text}' as PromptImage", async cancellationToken =>
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var name = model is null ? "global::PromptGen.PromptImage" : TypeNames.At(model, type.SpanStart, "PromptGen", "PromptImage");
            var nullable = type is NullableTypeSyntax ? "?" : "";
            return await FixSupport.ReplaceTextAsync(document, type.Span, name + nullable, cancellationToken).ConfigureAwait(false);
        }, "PG0403:image");
        return Task.CompletedTask;
    }
}
