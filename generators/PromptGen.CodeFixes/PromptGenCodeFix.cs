using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace PromptGen.CodeFixes;

/// <summary>
/// What every PromptGen code fix shares: Fix All in batches (unless a fix says otherwise), and for each diagnostic the node it points at (the
/// generator reports some diagnostics on additional files, which no fix applies to), handed to <see cref="RegisterAsync"/>.
/// </summary>
public abstract class PromptGenCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await FixSupport.FindAsync(context, diagnostic).ConfigureAwait(false) is { } found)
            {
                await RegisterAsync(context, diagnostic, found).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Registers the fix of one diagnostic, if it applies to what <paramref name="found"/> holds.</summary>
    /// <param name="context">The fix context.</param>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <param name="found">The document's root, the innermost node covering the diagnostic, and its span.</param>
    /// <returns>A task that completes when the fix is registered (or found not to apply).</returns>
    protected abstract Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, (SyntaxNode Root, SyntaxNode Node, TextSpan Span) found);
}
