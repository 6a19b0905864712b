using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PromptGen.CodeFixes;

/// <summary>
/// PG0101: renames a placeholder that names no parameter to the nearest parameter names (by edit distance, nearest
/// first, at most three offers). Inline templates only: a template file is not a C# document.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenamePlaceholderFix))]
[Shared]
public sealed class RenamePlaceholderFix : PromptGenCodeFix
{
    private const int MaxOffers = 3;

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PG0101");

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    protected override async Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, (SyntaxNode Root, SyntaxNode Node, TextSpan Span) found)
    {
        if (found.Node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
        {
            return;
        }

        var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        var placeholder = text.ToString(found.Span);
        var candidates = FixSupport.PromptParameters(method)
            .Select(p => p.Identifier.ValueText)
            .Where(n => n != placeholder)
            .OrderBy(n => FixSupport.Distance(placeholder, n))
            .ThenBy(n => n, System.StringComparer.Ordinal)
            .Take(MaxOffers);
        var document = context.Document;
        foreach (var name in candidates)
        {
            FixSupport.Register(context, diagnostic, $"Rename placeholder '{{{placeholder}}}' to '{{{name}}}'",
                cancellationToken => FixSupport.ReplaceTextAsync(document, found.Span, name, cancellationToken));
        }
    }
}
