using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace PromptGen.CodeFixes;

/// <summary>PG0002: adds a [Prompt] whose template names every parameter the prompt can use, ready to be written around.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPromptAttributeFix))]
[Shared]
public sealed class AddPromptAttributeFix : PromptGenCodeFix
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PG0002");

    /// <inheritdoc />
    protected override Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, (SyntaxNode Root, SyntaxNode Node, TextSpan Span) found)
    {
        if (found.Node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
        {
            return Task.CompletedTask;
        }

        var document = context.Document;
        FixSupport.Register(context, diagnostic, "Add [Prompt] with the method's parameters", async cancellationToken =>
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var attribute = model is null ? "global::PromptGen.Prompt" : TypeNames.Attribute(model, method.SpanStart, "PromptGen", "PromptAttribute");
            var template = string.Join(" ", FixSupport.PromptParameters(method).Select(p => "{" + p.Identifier.ValueText + "}"));
            var insertAt = method.AttributeLists.Count > 0 ? method.AttributeLists[0].SpanStart : method.Modifiers.Count > 0 ? method.Modifiers[0].SpanStart : method.ReturnType.SpanStart;
            var line = $"[{attribute}(\"{template}\")]";
            var onOwnLine = text.Lines.GetLineFromPosition(insertAt).Start + TypeNames.Indentation(text, insertAt).Length == insertAt;
            var insertion = onOwnLine ? line + "\n" + TypeNames.Indentation(text, insertAt) : line + " ";
            return document.WithText(text.Replace(new TextSpan(insertAt, 0), insertion));
        }, "PG0002:prompt");
        return Task.CompletedTask;
    }
}
