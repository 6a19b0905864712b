using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace PromptGen.CodeFixes;

/// <summary>
/// PG0202: adds <c>[JsonSerializable(typeof(T))]</c> for a method's JSON result type to the project's first partial
/// JsonSerializerContext in source, or declares one (<c>{Client}JsonContext</c>) beside the interface when there is none.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddJsonSerializableFix))]
[Shared]
public sealed class AddJsonSerializableFix : PromptGenCodeFix
{
    private const string SerializationNamespace = "System.Text.Json.Serialization";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PG0202");

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    protected override async Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, (SyntaxNode Root, SyntaxNode Node, TextSpan Span) found)
    {
        if (found.Node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
            || await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false) is not { } model
            || model.GetDeclaredSymbol(method, context.CancellationToken) is not { } symbol
            || ResultType(symbol.ReturnType) is not { } result)
        {
            return;
        }

        var document = context.Document;
        var existing = await FindContextAsync(document.Project, context.CancellationToken).ConfigureAwait(false);
        var title = existing is null
            ? $"Declare a JsonSerializerContext for '{result.Name}'"
            : $"Add [JsonSerializable(typeof({result.Name}))] to '{existing.Value.Declaration.Identifier.Text}'";
        context.RegisterCodeFix(
            CodeAction.Create(title, cancellationToken => existing is { } target
                ? AddToContextAsync(target.Document, target.Declaration, result, cancellationToken)
                : DeclareContextAsync(document, method, result, cancellationToken), equivalenceKey: "PG0202:" + (existing is null ? "declare" : "add")),
            diagnostic);
    }

    /// <summary>T of Task&lt;T&gt;, ValueTask&lt;T&gt;, Task&lt;PromptResult&lt;T&gt;&gt;.</summary>
    private static ITypeSymbol? ResultType(ITypeSymbol returned)
    {
        if (returned is not INamedTypeSymbol { IsGenericType: true, Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task)
        {
            return null;
        }

        var inner = task.TypeArguments[0];
        return inner is INamedTypeSymbol { Name: "PromptResult", TypeArguments.Length: 1 } wrapped ? wrapped.TypeArguments[0] : inner;
    }

    private static async Task<(Document Document, ClassDeclarationSyntax Declaration)?> FindContextAsync(Project project, CancellationToken cancellationToken)
    {
        foreach (var candidate in project.Documents)
        {
            if (await candidate.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
            {
                continue;
            }

            var classes = root.DescendantNodes().OfType<ClassDeclarationSyntax>().Where(c => c.Modifiers.Any(SyntaxKind.PartialKeyword) && c.BaseList is not null).ToList();
            if (classes.Count == 0 || await candidate.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
            {
                continue;
            }

            foreach (var declaration in classes)
            {
                for (var type = model.GetDeclaredSymbol(declaration, cancellationToken)?.BaseType; type is not null; type = type.BaseType)
                {
                    if (type.Name == "JsonSerializerContext" && type.ContainingNamespace?.ToDisplayString() == SerializationNamespace)
                    {
                        return (candidate, declaration);
                    }
                }
            }
        }

        return null;
    }

    private static async Task<Solution> AddToContextAsync(Document document, ClassDeclarationSyntax declaration, ITypeSymbol result, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var at = declaration.AttributeLists.Count > 0 ? declaration.AttributeLists[0].SpanStart : declaration.Modifiers.Count > 0 ? declaration.Modifiers[0].SpanStart : declaration.Keyword.SpanStart;
        var attribute = model is null ? "global::" + SerializationNamespace + ".JsonSerializable" : TypeNames.Attribute(model, at, SerializationNamespace, "JsonSerializableAttribute");
        var typeName = model is null ? result.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : result.ToMinimalDisplayString(model, at);
        var line = $"[{attribute}(typeof({typeName}))]";
        var onOwnLine = text.Lines.GetLineFromPosition(at).Start + TypeNames.Indentation(text, at).Length == at;
        var insertion = onOwnLine ? line + "\n" + TypeNames.Indentation(text, at) : line + " ";
        return document.WithText(text.Replace(new TextSpan(at, 0), insertion)).Project.Solution;
    }

    private static async Task<Solution> DeclareContextAsync(Document document, MethodDeclarationSyntax method, ITypeSymbol result, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var owner = method.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        var baseName = owner?.Identifier.ValueText ?? "Prompt";
        if (baseName.Length > 1 && baseName[0] == 'I' && char.IsUpper(baseName[1]))
        {
            baseName = baseName.Substring(1);
        }

        // After the interface, at its nesting level.
        var anchor = (SyntaxNode?)owner ?? method;
        while (anchor.Parent is TypeDeclarationSyntax outer)
        {
            anchor = outer;
        }

        var position = anchor.Span.End;
        var scope = anchor.SpanStart; // names are looked up where the interface stands
        var indentation = TypeNames.Indentation(text, anchor.SpanStart);
        var attribute = model is null ? "global::" + SerializationNamespace + ".JsonSerializable" : TypeNames.Attribute(model, scope, SerializationNamespace, "JsonSerializableAttribute");
        var context = model is null ? "global::" + SerializationNamespace + ".JsonSerializerContext" : TypeNames.At(model, scope, SerializationNamespace, "JsonSerializerContext");
        var typeName = model is null ? result.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : result.ToMinimalDisplayString(model, scope);
        var declaration = $"\n\n{indentation}[{attribute}(typeof({typeName}))]\n{indentation}internal sealed partial class {baseName}JsonContext : {context};";
        return document.WithText(text.Replace(new TextSpan(position, 0), declaration)).Project.Solution;
    }
}
