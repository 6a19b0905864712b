using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PromptGen.CodeFixes;

/// <summary>
/// PG0003: a prompt method returning a plain value or a non-generic task returns a task of it:
/// <c>string</c> becomes <c>Task&lt;string&gt;</c>, <c>Ticket</c> becomes <c>Task&lt;Ticket&gt;</c>, <c>void</c> or
/// <c>Task</c> becomes <c>Task&lt;string&gt;</c>, <c>ValueTask</c> becomes <c>ValueTask&lt;string&gt;</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReturnTaskFix))]
[Shared]
public sealed class ReturnTaskFix : PromptGenCodeFix
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PG0003");

    /// <inheritdoc />
    protected override async Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, (SyntaxNode Root, SyntaxNode Node, TextSpan Span) found)
    {
        if (found.Node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
            || await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false) is not { } model
            || model.GetTypeInfo(method.ReturnType, context.CancellationToken).Type is not { } returned)
        {
            return;
        }

        var position = method.ReturnType.SpanStart;
        var task = TypeNames.At(model, position, "System.Threading.Tasks", "Task");
        string? replacement = null;
        if (method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword })
        {
            replacement = task + "<string>";
        }
        else if (returned is INamedTypeSymbol { Arity: 0, Name: "Task" or "ValueTask", ContainingNamespace: { } ns } && ns.ToDisplayString() == "System.Threading.Tasks")
        {
            replacement = TypeNames.At(model, position, "System.Threading.Tasks", returned.Name) + "<string>";
        }
        else if (returned.SpecialType == SpecialType.System_String
            || (returned.TypeKind is TypeKind.Class or TypeKind.Struct && returned is INamedTypeSymbol { IsGenericType: false }))
        {
            replacement = task + "<" + method.ReturnType.ToString() + ">";
        }

        if (replacement is null)
        {
            return;
        }

        var document = context.Document;
        FixSupport.Register(context, diagnostic, $"Return '{replacement}'",
            cancellationToken => FixSupport.ReplaceTextAsync(document, method.ReturnType.Span, replacement, cancellationToken), "PG0003:task");
    }
}
