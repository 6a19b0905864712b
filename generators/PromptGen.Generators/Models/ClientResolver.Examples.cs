using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using PromptGen.Generators.Diagnostics;
using PromptGen.Generators.Parsing;

namespace PromptGen.Generators.Models;

/// <summary>
/// Checks <c>[PromptExample]</c>s the way the runner will read them (PG0601–PG0609): the arguments are a JSON object
/// naming each given parameter once with a value of its type, the expectations an array of <c>{ path, operator }</c>
/// whose paths exist on the result type and whose operators fit the member. Only examples without errors reach the catalog.
/// </summary>
internal static partial class ClientResolver
{
    private static readonly string[] s_operators = { "equals", "contains", "atLeast", "atMost" };
    private static readonly string[] s_expectationKeys = { "path", "equals", "contains", "atLeast", "atMost" };

    private static EquatableArray<ExampleSpec> ResolveExamples(ClientDeclaration client, MethodDeclaration method, string owner, bool callable, ImmutableArray<JsonContextModel> contexts, List<DiagnosticInfo> diagnostics)
    {
        if (method.Examples.Count == 0)
        {
            return EquatableArray<ExampleSpec>.Empty;
        }

        if (!callable)
        {
            var why = method.ReturnKind == ReturnKind.Stream ? "it streams its answer (the catalog lists methods that return a whole value)" : "it cannot be generated (see its other diagnostics)";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExampleNotRunnable, method.Examples[0].Attribute ?? method.Location, owner, why));
            return EquatableArray<ExampleSpec>.Empty;
        }

        var shortName = client.InterfaceFullName.Substring(client.InterfaceFullName.LastIndexOf('.') + 1) + "." + method.Name;
        var result = new List<ExampleSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < method.Examples.Count; i++)
        {
            var example = method.Examples[i];
            var name = example.Name ?? shortName + "#" + (i + 1);
            var before = diagnostics.Count;
            if (!names.Add(name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExampleDuplicateName, example.NameLocation ?? example.Attribute, owner, name));
            }

            CheckArguments(method, example.Arguments, owner, contexts, diagnostics);
            if (example.Expect is { } expect)
            {
                CheckExpectations(method, expect, owner, contexts, diagnostics);
            }

            if (diagnostics.Count == before)
            {
                result.Add(new ExampleSpec(name, example.Arguments.Inline!, example.Expect?.Inline, example.File, example.Line));
            }
        }

        return result.ToEquatableArray();
    }

    private static void CheckArguments(MethodDeclaration method, TemplateSource source, string owner, ImmutableArray<JsonContextModel> contexts, List<DiagnosticInfo> diagnostics)
    {
        if (Json(source, "Arguments", owner, diagnostics) is not { } root)
        {
            return;
        }

        if (root.Type != JsonValueType.Object)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExampleInvalidJson, Locate(source, null, root.Start, root.Length), "Arguments", owner, $"expected an object {{ \"parameter\": value }}, not {root.Describe()}"));
            return;
        }

        var given = new List<(ParameterModel Parameter, JsonSchemaNode Schema)>();
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            if (method.Parameters[i].Kind is not (ValueKind.CancellationToken or ValueKind.CallOptions))
            {
                given.Add((method.Parameters[i], method.ParameterSchemas[i]));
            }
        }

        var signature = "(" + string.Join(", ", given.Select(g => WithoutGlobal(g.Parameter.TypeDisplay) + " " + g.Parameter.Name)) + ")";
        foreach (var member in root.Members)
        {
            var match = given.FirstOrDefault(g => g.Parameter.Name == member.Name);
            if (match.Parameter is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExampleUnknownArgument, Locate(source, null, member.Start, member.Length), owner, member.Name, Nearest(member.Name, given.Select(g => g.Parameter.Name)), signature));
                continue;
            }

            var context = ContextOf(match.Parameter.TypeDisplay, contexts);
            if (ArgumentProblem(match.Parameter, match.Schema, member.Value, context) is { } problem)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ExampleArgumentType,
                    Locate(source, null, problem.At.Start, problem.At.Length),
                    owner,
                    problem.At.Describe(),
                    match.Parameter.Name,
                    WithoutGlobal(match.Parameter.TypeDisplay),
                    problem.Message));
            }
        }

        var missing = given.Where(g => !root.Members.Any(m => m.Name == g.Parameter.Name)).Select(g => "'" + g.Parameter.Name + "' (" + WithoutGlobal(g.Parameter.TypeDisplay) + ")").ToList();
        if (missing.Count > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExampleMissingArgument, source.Location, owner, string.Join(", ", missing)));
        }
    }

    private static void CheckExpectations(MethodDeclaration method, TemplateSource source, string owner, ImmutableArray<JsonContextModel> contexts, List<DiagnosticInfo> diagnostics)
    {
        if (Json(source, "Expect", owner, diagnostics) is not { } root)
        {
            return;
        }

        if (root.Type != JsonValueType.Array)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExampleMalformedExpectation, Locate(source, null, root.Start, root.Length), owner, $"expected an array of {{ \"path\", \"equals\" | \"contains\" | \"atLeast\" | \"atMost\" }} objects, not {root.Describe()}"));
            return;
        }

        var policy = method.ResultType is { } type ? ContextOf(type, contexts)?.NamingPolicy : null;
        foreach (var item in root.Items)
        {
            if (item.Type != JsonValueType.Object)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExampleMalformedExpectation, Locate(source, null, item.Start, item.Length), owner, $"each expectation is an object such as {{ \"path\": \"name\", \"equals\": \"Tokyo\" }}, not {item.Describe()}"));
                continue;
            }

            var unknown = item.Members.FirstOrDefault(m => m.Name != "path" && Array.IndexOf(s_operators, m.Name) < 0);
            if (unknown.Name is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExampleMalformedExpectation, Locate(source, null, unknown.Start, unknown.Length), owner, $"unknown key \"{unknown.Name}\"{Nearest(unknown.Name, s_expectationKeys)}; an expectation has \"path\" and one of equals, contains, atLeast, atMost"));
                continue;
            }

            var operators = item.Members.Where(m => m.Name != "path").ToList();
            if (operators.Count != 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExampleMalformedExpectation, Locate(source, null, item.Start, item.Length), owner, $"an expectation needs exactly one of equals, contains, atLeast, atMost (it has {operators.Count})"));
                continue;
            }

            var path = item.Members.FirstOrDefault(m => m.Name == "path");
            if (path.Name is not null && path.Value.Type != JsonValueType.String)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExampleMalformedExpectation, Locate(source, null, path.Value.Start, path.Value.Length), owner, $"\"path\" is a dotted member path in a string, not {path.Value.Describe()}"));
                continue;
            }

            var pathText = path.Name is null ? string.Empty : path.Value.Text;
            var member = WalkPath(method, pathText, policy, out var pathProblem);
            if (pathProblem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExampleUnknownMember, Locate(source, null, path.Value.Start, path.Value.Length), pathText, owner, pathProblem));
                continue;
            }

            var op = operators[0];
            if (OperatorProblem(op.Name, member, op.Value) is { } problem)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExampleExpectationType, Locate(source, null, op.Value.Start, op.Value.Length), op.Name + " " + op.Value.Describe(), pathText.Length == 0 ? "the result" : pathText, owner, problem));
            }
        }
    }

    /// <summary>Parses an example text; PG0601 on a syntax error (at its character) or a <see langword="null"/> text.</summary>
    private static JsonValueNode? Json(TemplateSource source, string what, string owner, List<DiagnosticInfo> diagnostics)
    {
        if (source.Inline is not { } text)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExampleInvalidJson, source.Location, what, owner, "it is null; write a JSON " + (what == "Expect" ? "array" : "object")));
            return null;
        }

        var root = ExampleJson.Parse(text, out var error, out var at);
        if (root is null)
        {
            var length = at < text.Length ? 1 : 0;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExampleInvalidJson, Locate(source, null, Math.Min(at, Math.Max(0, text.Length - 1)), text.Length == 0 ? 0 : Math.Max(length, 1)), what, owner, error!));
        }

        return root;
    }

    private static JsonContextModel? ContextOf(string typeDisplay, ImmutableArray<JsonContextModel> contexts)
    {
        var type = typeDisplay.TrimEnd('?');
        return contexts.Where(c => c.Types.Any(t => t.Type == type)).OrderBy(c => c.ContextType, StringComparer.Ordinal).FirstOrDefault();
    }

    private static string Nearest(string name, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Name: c, Distance: Distance(name.ToUpperInvariant(), c.ToUpperInvariant())))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, name.Length / 3) ? $" (did you mean '{best.Name}'?)" : string.Empty;
    }
}
