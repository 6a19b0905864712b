using System;
using System.Collections.Generic;
using PromptGen.Generators.Diagnostics;

namespace PromptGen.Generators.Models;

/// <summary>
/// Declarations that compile and would run, but not as meant: binary parameters rendered as text (PG0403), rules on a
/// streaming method that never run (PG0308), rules a typed JSON answer can never pass (PG0304), a second token or
/// options parameter the call would ignore (PG0006).
/// </summary>
internal static partial class ClientResolver
{
    private static void CheckSilentMistakes(MethodDeclaration method, string owner, List<DiagnosticInfo> diagnostics)
    {
        foreach (var parameter in method.Parameters)
        {
            if (BinaryTypeName(parameter.TypeDisplay) is { } binary)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BinaryParameter, parameter.Location ?? method.Location, parameter.Name, owner, binary));
            }
        }

        foreach (var kind in new[] { ValueKind.CancellationToken, ValueKind.CallOptions })
        {
            var first = true;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Kind == kind && !first)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateCallParameter, parameter.Location ?? method.Location, owner,
                        kind == ValueKind.CancellationToken ? "CancellationToken" : "PromptCallOptions", parameter.Name));
                }

                first &= parameter.Kind != kind;
            }
        }

        foreach (var rule in method.Rules)
        {
            if (method.ReturnKind == ReturnKind.Stream)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RuleOnStream, rule.Location ?? method.Location, owner, rule.Kind));
            }
            else if (rule.Kind == "OneOf" && method.ReturnKind is ReturnKind.Json or ReturnKind.JsonResult or ReturnKind.JsonStream)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContradictoryRule, rule.Location ?? method.Location, owner, rule.Kind,
                    $"the answer is a JSON object of type '{WithoutGlobal(method.ResultType ?? string.Empty)}', which never equals one of the listed values, so no answer can pass; constrain the property instead (an enum property, or [MatchesPattern] / [RequiredField] on it), or return Task<string>"));
            }
        }
    }

    /// <summary>The binary type's short name when <paramref name="typeDisplay"/> holds bytes, which a template would render as a list of numbers.</summary>
    private static string? BinaryTypeName(string typeDisplay)
    {
        var type = typeDisplay.TrimEnd('?');
        return type switch
        {
            "byte[]" => "byte[]",
            "global::System.ReadOnlyMemory<byte>" => "ReadOnlyMemory<byte>",
            "global::System.Memory<byte>" => "Memory<byte>",
            "global::System.ArraySegment<byte>" => "ArraySegment<byte>",
            "global::System.BinaryData" => "BinaryData",
            _ when type.StartsWith("global::System.IO.", StringComparison.Ordinal) && type.EndsWith("Stream", StringComparison.Ordinal)
                => type.Substring("global::System.IO.".Length),
            _ => null,
        };
    }
}
