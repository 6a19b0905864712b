using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using PromptGen.Generators.Diagnostics;
using PromptGen.Generators.Emit;
using PromptGen.Generators.Parsing;

namespace PromptGen.Generators.Models;

/// <summary>
/// The model step: joins a declared client with the template files and JSON contexts, parses and checks the templates,
/// checks model ids, and produces the <see cref="ClientSpec"/> the emitter writes. Values in, values out.
/// </summary>
internal static partial class ClientResolver
{
    public static Result<ClientSpec> Resolve(Result<ClientDeclaration> declared, ImmutableArray<JsonContextModel> contexts, ImmutableArray<TemplateFile> files)
    {
        var diagnostics = new List<DiagnosticInfo>(declared.Diagnostics);
        var client = declared.Model;
        if (client is null)
        {
            return new Result<ClientSpec>(null, diagnostics.ToEquatableArray());
        }

        CheckModelId(client.DefaultModel, client.DefaultModelLocation, client.InterfaceFullName, "[PromptClient(Model)]", diagnostics);
        CheckModel(client.Model, client.InterfaceFullName, diagnostics);

        var fieldNames = new HashSet<string>(StringComparer.Ordinal);
        var methods = new List<MethodSpec>();
        foreach (var method in client.Methods)
        {
            var field = method.Name + "Descriptor";
            for (var i = 2; !fieldNames.Add(field); i++)
            {
                field = method.Name + "Descriptor" + i;
            }

            methods.Add(Method(client, method, field, contexts, files, diagnostics));
        }

        var spec = new ClientSpec(client.Namespace, client.InterfaceFullName, client.InterfaceType, client.ImplementationName, client.IsPublic, methods.ToEquatableArray(), client.MemberStubs);
        return new Result<ClientSpec>(spec, diagnostics.ToEquatableArray());
    }

    private static MethodSpec Method(
        ClientDeclaration client,
        MethodDeclaration method,
        string field,
        ImmutableArray<JsonContextModel> contexts,
        ImmutableArray<TemplateFile> files,
        List<DiagnosticInfo> diagnostics)
    {
        var owner = client.InterfaceFullName + "." + method.Name;
        var error = method.Unsupported;
        var used = new HashSet<string>(StringComparer.Ordinal);
        var systemSource = method.SystemPrompt ?? client.SystemPrompt;
        var system = systemSource is null ? null : Render(systemSource, method, owner, files, used, diagnostics);
        var user = method.UserPrompt is null ? null : Render(method.UserPrompt, method, owner, files, used, diagnostics, systemSource is not null);
        if ((systemSource is not null && system is null) || (method.UserPrompt is not null && user is null))
        {
            error ??= "the prompt template has errors";
        }

        if (method.UserPrompt is not null && error is null)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Kind is not (ValueKind.CancellationToken or ValueKind.CallOptions or ValueKind.Image or ValueKind.Images or ValueKind.History) && !used.Contains(parameter.Name))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnusedParameter, parameter.Location ?? method.Location, parameter.Name, owner));
                }
            }
        }

        CheckModel(method.Model, owner, diagnostics);
        var model = method.Model ?? client.Model;
        CheckChain(model?.Id ?? client.DefaultModel, model, owner, diagnostics);
        CheckImageRoutes(method, model, client, owner, diagnostics);
        if (error is null && !method.Parameters.Any(p => p.Kind == ValueKind.CancellationToken))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoCancellationToken, method.Location, owner));
        }

        var resilience = method.Resilience.Over(client.Resilience);
        CheckResilience(resilience, owner, diagnostics);

        string? schema = null;
        string? typeInfo = null;
        var strict = false;
        if (method.ReturnKind is ReturnKind.Json or ReturnKind.JsonResult or ReturnKind.JsonStream && method.ResultType is not null && method.Schema is not null)
        {
            var context = contexts
                .Where(c => c.Types.Any(t => t.Type == method.ResultType))
                .OrderBy(c => c.ContextType, StringComparer.Ordinal)
                .FirstOrDefault();
            if (context is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoJsonContext, method.Location, owner, WithoutGlobal(method.ResultType), client.ImplementationName));
                error ??= "no JsonSerializerContext declares the result type";
            }
            else
            {
                schema = JsonSchemaWriter.Write(method.Schema, context.NamingPolicy, context.UseStringEnumConverter);
                var loose = StrictSchema.FirstProblem(method.Schema, string.Empty);
                strict = loose is null;
                if (loose is { } problem)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SchemaNotStrict, method.Location, owner, WithoutGlobal(method.ResultType), problem.Path, problem.What));
                }
                typeInfo = context.ContextType + ".Default." + context.Types.First(t => t.Type == method.ResultType).PropertyName;
            }
        }

        CheckSilentMistakes(method, owner, diagnostics);
        var rules = ResolveRules(method, client.HasJsonSchemaRules, owner, files, contexts, diagnostics);
        var callable = error is null && method.ReturnKind is ReturnKind.Text or ReturnKind.TextResult or ReturnKind.Json or ReturnKind.JsonResult;
        var examples = ResolveExamples(client, method, owner, callable, contexts, diagnostics);
        return new MethodSpec(
            method.Name,
            field,
            method.ReturnTypeDisplay,
            method.ReturnKind,
            method.IsValueTask,
            method.Parameters,
            method.Parameters.FirstOrDefault(p => p.Kind == ValueKind.CancellationToken)?.EmitName,
            model?.Id ?? client.DefaultModel,
            model?.Fallbacks ?? EquatableArray<string>.Empty,
            model?.Temperature,
            model?.MaxOutputTokens,
            resilience,
            rules,
            method.ReaskBudget,
            method.ResultType,
            schema,
            strict,
            method.SchemaName,
            typeInfo,
            system,
            user ?? EquatableArray<RenderPart>.Empty,
            error is null ? null : $"PromptGen could not generate {owner}: {error}. See the build diagnostics (PGxxxx).")
        {
            Examples = examples,
        };
    }

    /// <summary>A type name as users write it in messages: without the <c>global::</c> prefix.</summary>
    private static string WithoutGlobal(string type) => type.StartsWith("global::", StringComparison.Ordinal) ? type.Substring("global::".Length) : type;

    /// <summary>PG0203: a fallback equal to the primary or to an earlier fallback (ids compare case-insensitively).</summary>
    private static void CheckChain(string? primary, ModelSettings? model, string owner, List<DiagnosticInfo> diagnostics)
    {
        if (model is null)
        {
            return;
        }

        var seen = new List<string>();
        if (primary is not null)
        {
            seen.Add(primary);
        }

        foreach (var fallback in model.Fallbacks)
        {
            if (seen.Any(s => string.Equals(s, fallback, StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RedundantFallback, model.Location, owner, fallback, string.Join(" -> ", seen)));
            }
            else
            {
                seen.Add(fallback);
            }
        }
    }

    /// <summary>PG0402: a method with image parameters whose primary model or a fallback is known to take text only.</summary>
    private static void CheckImageRoutes(MethodDeclaration method, ModelSettings? model, ClientDeclaration client, string owner, List<DiagnosticInfo> diagnostics)
    {
        var image = method.Parameters.FirstOrDefault(p => p.Kind is ValueKind.Image or ValueKind.Images);
        if (image is null)
        {
            return;
        }

        var fallbacks = model?.Fallbacks ?? EquatableArray<string>.Empty;
        foreach (var id in fallbacks.Prepend(model?.Id ?? client.DefaultModel))
        {
            if (id is not null && TextOnlyModels.Why(id) is { } why)
            {
                var location = model?.Location ?? client.DefaultModelLocation ?? method.Location;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ImagesToTextOnlyModel, location, owner, image.Name, id, why));
            }
        }
    }

    private static void CheckModel(ModelSettings? model, string owner, List<DiagnosticInfo> diagnostics)
    {
        if (model is null)
        {
            return;
        }

        CheckModelId(model.Id, model.Location, owner, "[Model]", diagnostics);
        CheckModelSettings(model, owner, diagnostics);
        foreach (var fallback in model.Fallbacks)
        {
            CheckModelId(fallback, model.Location, owner, "[Model(Fallbacks)]", diagnostics);
        }
    }

    private static void CheckModelId(string? id, LocationInfo? location, string owner, string where, List<DiagnosticInfo> diagnostics)
    {
        if (id is null && where == "[PromptClient(Model)]")
        {
            return;
        }

        if (ModelIdSyntax.Check(id) is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedModelId, location, owner + " " + where, problem));
        }
    }
}
