using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace PromptGen.CodeFixes;

/// <summary>What the fixes share: finding the node a diagnostic points at, registering a fix, editing text.</summary>
internal static class FixSupport
{
    /// <summary>
    /// The diagnostic's span in <paramref name="document"/>. The generator reports locations by file path and span, so
    /// the span is used only when the diagnostic's file is this document.
    /// </summary>
    public static TextSpan? SpanIn(Document document, Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        if (location.IsInSource)
        {
            return location.SourceSpan;
        }

        var path = location.GetLineSpan().Path;
        return location.Kind == LocationKind.ExternalFile && document.FilePath is { } file
            && string.Equals(System.IO.Path.GetFullPath(file), System.IO.Path.GetFullPath(path), StringComparison.Ordinal)
            ? location.SourceSpan
            : null;
    }

    /// <summary>The innermost node covering the diagnostic, or <see langword="null"/> when the diagnostic is elsewhere.</summary>
    public static async Task<(SyntaxNode Root, SyntaxNode Node, TextSpan Span)?> FindAsync(CodeFixContext context, Diagnostic diagnostic)
    {
        if (SpanIn(context.Document, diagnostic) is not { } span
            || await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false) is not { } root
            || span.End > root.FullSpan.End)
        {
            return null;
        }

        return (root, root.FindNode(span, getInnermostNodeForTie: true), span);
    }

    /// <summary>Registers a fix whose equivalence key is its diagnostic id (so Fix All groups the same fix).</summary>
    public static void Register(CodeFixContext context, Diagnostic diagnostic, string title, Func<CancellationToken, Task<Document>> change, string? key = null) =>
        context.RegisterCodeFix(CodeAction.Create(title, change, equivalenceKey: key ?? diagnostic.Id + ":" + title), diagnostic);

    /// <summary>The document with <paramref name="span"/> replaced by <paramref name="text"/>.</summary>
    public static async Task<Document> ReplaceTextAsync(Document document, TextSpan span, string text, CancellationToken cancellationToken)
    {
        var source = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.WithText(source.Replace(span, text));
    }

    /// <summary>The parameters a template can name: all but CancellationToken and PromptCallOptions.</summary>
    public static IEnumerable<ParameterSyntax> PromptParameters(MethodDeclarationSyntax method) =>
        method.ParameterList.Parameters.Where(p => p.Type is not null && !IsCallParameter(p.Type));

    /// <summary>Whether a parameter type is one the call takes rather than the template (CancellationToken, PromptCallOptions).</summary>
    public static bool IsCallParameter(TypeSyntax type)
    {
        var name = type.ToString();
        var dot = name.LastIndexOf('.');
        var last = dot >= 0 ? name.Substring(dot + 1) : name;
        return last is "CancellationToken" or "PromptCallOptions";
    }

    /// <summary>Levenshtein distance, case-insensitive: how far a placeholder is from a parameter name.</summary>
    public static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
