using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Parsing;

/// <summary>Reading <c>[PromptExample]</c> into values (checked later, in <see cref="ClientResolver"/>).</summary>
internal static partial class ClientParser
{
    private static MethodDeclaration WithExamples(MethodDeclaration declaration, IMethodSymbol method)
    {
        var examples = new List<ExampleDeclaration>();
        foreach (var attribute in method.GetAttributes())
        {
            if (!attribute.AttributeClass.HasFullName(KnownNames.PromptExampleAttribute))
            {
                continue;
            }

            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
            var arguments = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
            var argumentSyntax = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null)?.Expression;
            var expect = attribute.NamedArgument("Expect") as string;
            var line = syntax?.GetLocation().GetLineSpan().StartLinePosition.Line ?? 0;
            examples.Add(new ExampleDeclaration(
                attribute.NamedArgument("Name") as string,
                Literal(arguments, argumentSyntax, syntax),
                expect is null ? null : Literal(expect, NamedArgumentSyntax(attribute, "Expect"), syntax),
                LocationInfo.From(syntax),
                LocationInfo.From(NamedArgumentSyntax(attribute, "Name")),
                syntax?.SyntaxTree.FilePath ?? string.Empty,
                line + 1));
        }

        if (examples.Count == 0)
        {
            return declaration;
        }

        var schemas = method.Parameters
            .Select((p, i) => declaration.Parameters[i].Kind is ValueKind.Text or ValueKind.Formattable or ValueKind.Collection or ValueKind.Other
                ? JsonSchemaReader.Read(p.Type)
                : JsonSchemaNode.Simple(JsonKind.Any, nullable: true))
            .ToEquatableArray();
        return declaration with { Examples = examples.ToEquatableArray(), ParameterSchemas = schemas };
    }

    private static TemplateSource Literal(string? value, ExpressionSyntax? argument, SyntaxNode? attribute) =>
        new("PromptExample", value, null, LocationInfo.From(argument) ?? LocationInfo.From(attribute), value is null ? -1 : LiteralOffset(argument, value))
        {
            Token = (argument as LiteralExpressionSyntax)?.Token.Text,
        };
}
