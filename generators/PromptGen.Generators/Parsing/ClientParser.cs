using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PromptGen.Generators.Diagnostics;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Parsing;

/// <summary>
/// The transform of the <c>[PromptClient]</c> trigger: reads the interface symbol into a <see cref="ClientDeclaration"/>
/// value plus declaration diagnostics. The semantic model is used here and nowhere after.
/// </summary>
internal static partial class ClientParser
{
    /// <summary>The syntax-only predicate: any type declaration (so misuse on a class can be reported as PG0001).</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) => node is TypeDeclarationSyntax;

    public static Result<ClientDeclaration> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        if (context.TargetSymbol is not INamedTypeSymbol type)
        {
            return new Result<ClientDeclaration>(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var nameLocation = LocationInfo.From(syntax.Identifier.GetLocation());
        if (type.TypeKind != TypeKind.Interface || !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            var what = type.TypeKind != TypeKind.Interface ? "a " + type.TypeKind.ToString().ToLowerInvariant() : "not partial";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartialInterface, nameLocation, type.Name, what));
            return new Result<ClientDeclaration>(null, diagnostics.ToEquatableArray());
        }

        if (type.IsGenericType || !IsReachable(type))
        {
            var why = type.IsGenericType
                ? "generic prompt client interfaces are not supported; remove the type parameters"
                : "the interface is nested in a type it cannot be reached from; make it and its containing types public or internal";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMember, nameLocation, type.Name, why));
            return new Result<ClientDeclaration>(null, diagnostics.ToEquatableArray());
        }

        var clientAttribute = context.Attributes[0];
        var implementationName = clientAttribute.NamedArgument("ImplementationName") as string;
        if (string.IsNullOrWhiteSpace(implementationName))
        {
            implementationName = type.Name.Length > 1 && type.Name[0] == 'I' && char.IsUpper(type.Name[1]) ? type.Name.Substring(1) : type.Name + "Implementation";
        }

        var defaultModel = clientAttribute.NamedArgument("Model") as string;
        var hasJsonSchemaRules = context.SemanticModel.Compilation.GetTypeByMetadataName(KnownNames.JsonSchemaRule) is not null;
        var methods = new List<MethodDeclaration>();
        var stubs = new List<string>();
        foreach (var member in type.GetMembers().Concat(type.AllInterfaces.SelectMany(i => i.GetMembers())))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!member.IsAbstract || member.IsStatic)
            {
                continue;
            }

            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                methods.Add(WithExamples(Method(method, type, diagnostics) with { Templates = TemplateTypeReader.Read(method) }, method));
            }
            else if (member is IPropertySymbol or IEventSymbol)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedMember,
                    LocationInfo.From(member.Locations.FirstOrDefault()),
                    type.Name + "." + member.Name,
                    "prompt clients declare methods only; remove the property or event, or give it a default implementation"));
                if (MemberStubs.For(member) is { } stub)
                {
                    stubs.Add(stub);
                }
            }
        }

        var declaration = new ClientDeclaration(
            type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
            type.ToDisplayString(),
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            implementationName!,
            IsPublic(type),
            defaultModel,
            LocationInfo.From(NamedArgumentSyntax(clientAttribute, "Model")) ?? nameLocation,
            ReadModel(type),
            ReadTemplate(type, KnownNames.SystemPromptAttribute, "SystemPrompt", type.Name, diagnostics),
            ResilienceReader.Read(type),
            hasJsonSchemaRules,
            methods.ToEquatableArray(),
            stubs.ToEquatableArray());
        return new Result<ClientDeclaration>(declaration, diagnostics.ToEquatableArray());
    }

    private static MethodDeclaration Method(IMethodSymbol method, INamedTypeSymbol client, List<DiagnosticInfo> diagnostics)
    {
        var location = LocationInfo.From(method.Locations.FirstOrDefault());
        var display = client.Name + "." + method.Name;
        string? unsupported = null;
        if (method.IsGenericMethod)
        {
            unsupported = "generic prompt methods are not supported; remove the type parameters";
        }
        else if (method.Parameters.FirstOrDefault(p => p.RefKind != RefKind.None) is { } byRef)
        {
            unsupported = $"parameter '{byRef.Name}' is passed by reference; prompt parameters are passed by value";
        }

        if (unsupported is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMember, location, display, unsupported));
        }

        var kind = TypeClassifier.Return(method.ReturnType, out var isValueTask, out var resultType, out var reason);
        if (kind == ReturnKind.Unsupported)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedReturnType,
                LocationInfo.From((method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax)?.ReturnType) ?? location,
                display,
                method.ReturnType.ToDisplayString(),
                reason));
            unsupported ??= "unsupported return type";
        }
        else if (kind == ReturnKind.PartialMistake)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.PartialStreamShape,
                LocationInfo.From((method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax)?.ReturnType) ?? location,
                display,
                method.ReturnType.ToDisplayString(),
                resultType!.ToDisplayString()));
            unsupported ??= "a typed stream returns IAsyncEnumerable<PromptPartial<T>>";
            resultType = null;
        }

        var prompt = ReadTemplate(method, KnownNames.PromptAttribute, "Prompt", display, diagnostics);
        if (method.FindAttribute(KnownNames.PromptAttribute) is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingPrompt, location, method.Name, client.Name));
            unsupported ??= "no [Prompt] attribute";
        }
        else if (prompt is null)
        {
            unsupported ??= "the [Prompt] attribute has no usable template";
        }

        return new MethodDeclaration(
            method.Name,
            method.ReturnType.Display(),
            kind,
            isValueTask,
            resultType?.DisplayWithoutNullable(),
            resultType?.Name,
            resultType is null ? null : JsonSchemaReader.Read(resultType),
            method.Parameters.Select(TypeClassifier.Parameter).ToEquatableArray(),
            prompt,
            ReadTemplate(method, KnownNames.SystemPromptAttribute, "SystemPrompt", display, diagnostics),
            ReadModel(method),
            ResilienceReader.Read(method),
            RuleReader.Read(method, out var reaskBudget),
            reaskBudget,
            location,
            unsupported);
    }

    private static bool IsReachable(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPublic(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }
}
