using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PromptGen.CodeFixes;

/// <summary>PG0006: removes a second CancellationToken or PromptCallOptions parameter, which the call would ignore.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveParameterFix))]
[Shared]
public sealed class RemoveParameterFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PG0006");

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await FixSupport.FindAsync(context, diagnostic).ConfigureAwait(false) is not { } found
                || found.Node.FirstAncestorOrSelf<ParameterSyntax>() is not { Parent: ParameterListSyntax list } parameter)
            {
                continue;
            }

            var document = context.Document;
            FixSupport.Register(context, diagnostic, $"Remove parameter '{parameter.Identifier.Text}'", _ =>
                Task.FromResult(document.WithSyntaxRoot(found.Root.ReplaceNode(list, list.WithParameters(list.Parameters.Remove(parameter))))));
        }
    }
}
