using System.Collections.Generic;
using System.Linq;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Emit;

/// <summary>
/// Writes the assembly's prompt catalog (<c>PromptGen.Generated.GeneratedPromptCatalog</c>): every generated method
/// with its parameters, result type and schema, a binder per parameter and an invoker, all plain generated code (no
/// reflection), named by an assembly attribute so a test host finds it. Reads only the resolved clients.
/// </summary>
internal static class CatalogEmitter
{
    public const string HintName = "PromptCatalog.g.cs";

    private const string Catalog = "global::PromptGen.Generated.PromptCatalog";
    private const string Method = "global::PromptGen.Generated.PromptCatalogMethod";
    private const string Parameter = "global::PromptGen.Generated.PromptCatalogParameter";
    private const string Example = "global::PromptGen.Generated.PromptCatalogExample";

    /// <summary>Whether a method can be called from a suite: generated, and answering with a whole value (not a stream).</summary>
    public static bool IsCallable(MethodSpec method) =>
        method.Error is null && method.ReturnKind is ReturnKind.Text or ReturnKind.TextResult or ReturnKind.Json or ReturnKind.JsonResult;

    public static string Emit(EquatableArray<ClientSpec> clients, EquatableArray<JsonContextModel> contexts)
    {
        var writer = CodeWriter.ForGeneratedFile();
        writer.Line("[assembly: global::PromptGen.Generated.PromptCatalogAttribute(typeof(global::PromptGen.Generated.GeneratedPromptCatalog))]");
        writer.Line();
        writer.Line("namespace PromptGen.Generated;");
        writer.Line();
        writer.Line("/// <summary>The prompt methods PromptGen generated for this assembly, for test hosts (the prompt test runner, xUnit).</summary>");
        writer.Line(GeneratedCode.Attribute);
        using (writer.Block("internal sealed class GeneratedPromptCatalog : global::PromptGen.Generated.IPromptCatalogProvider"))
        {
            var methods = clients.SelectMany(c => c.Methods.Where(IsCallable).Select(m => (Client: c, Method: m))).ToList();
            writer.Line("/// <inheritdoc/>");
            using (writer.Block($"public {Catalog} Catalog {{ get; }} = new {Catalog}(new {Method}[]", closing: "});"))
            {
                for (var i = 0; i < methods.Count; i++)
                {
                    Entry(writer, methods[i].Client, methods[i].Method, i, contexts);
                }
            }

            for (var i = 0; i < methods.Count; i++)
            {
                writer.Line();
                Invoker(writer, methods[i].Client, methods[i].Method, i);
            }

            writer.Line();
            using (writer.Block($"private static {GeneratedCode.Executor} Executor(global::System.IServiceProvider services)"))
            {
                writer.Line($"return {GeneratedCode.GetService}<{GeneratedCode.Executor}>(services)");
                writer.Indent();
                writer.Line("?? throw new global::System.InvalidOperationException(\"The prompt catalog needs PromptGen's executor, which is not registered; call services.AddPromptGen(configuration) with a provider before building the service provider.\");");
                writer.Outdent();
            }
        }

        return writer.ToString();
    }

    private static void Entry(CodeWriter writer, ClientSpec client, MethodSpec method, int index, EquatableArray<JsonContextModel> contexts)
    {
        var isJson = method.ReturnKind is ReturnKind.Json or ReturnKind.JsonResult;
        var resultType = isJson ? WithoutGlobal(method.ResultType!) : "string";
        writer.Line($"new {Method}(");
        writer.Indent();
        writer.Line($"{Literals.String(client.InterfaceFullName)},");
        writer.Line($"{Literals.String(method.Name)},");
        var parameters = Given(method).ToList();
        if (parameters.Count == 0)
        {
            writer.Line($"global::System.Array.Empty<{Parameter}>(),");
        }
        else
        {
            writer.Line($"new {Parameter}[]");
            writer.Line("{");
            writer.Indent();
            foreach (var parameter in parameters)
            {
                var info = TypeInfo(parameter.TypeDisplay, contexts) ?? "null";
                writer.Line($"new {Parameter}({Literals.String(parameter.Name)}, {Literals.String(WithoutGlobal(parameter.TypeDisplay))}, static (value, context) => global::PromptGen.Generated.PromptArguments.Bind<{parameter.TypeDisplay}>(value, context, {info}, {(parameter.TypeDisplay.EndsWith("?", System.StringComparison.Ordinal) ? "true" : "false")})),");
            }

            writer.Outdent();
            writer.Line("},");
        }

        writer.Line($"{Literals.String(resultType)},");
        writer.Line($"{Literals.String(isJson ? method.SchemaJson : null)},");
        writer.Line($"Invoke{index},");
        var end = method.Examples.Count == 0 ? ")," : ")";
        writer.Line(isJson && method.TypeInfo is { } typeInfo
            ? $"static value => global::System.Text.Json.JsonSerializer.SerializeToElement(({method.ResultType})value!, {typeInfo}){end}"
            : "null" + end);
        writer.Outdent();
        if (method.Examples.Count > 0)
        {
            Examples(writer, method);
        }
    }

    /// <summary>The method's checked <c>[PromptExample]</c>s, as written (the runner parses them like a suite's case).</summary>
    private static void Examples(CodeWriter writer, MethodSpec method)
    {
        writer.Line("{");
        writer.Indent();
        writer.Line($"Examples = new {Example}[]");
        writer.Line("{");
        writer.Indent();
        foreach (var example in method.Examples)
        {
            writer.Line($"new {Example}({Literals.String(example.Name)}, {Literals.String(example.Arguments)}, {Literals.String(example.Expect)}, {Literals.String(example.File)}, {example.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}),");
        }

        writer.Outdent();
        writer.Line("},");
        writer.Outdent();
        writer.Line("},");
    }

    private static void Invoker(CodeWriter writer, ClientSpec client, MethodSpec method, int index)
    {
        writer.Line($"/// <summary>Calls <see cref=\"{client.InterfaceType}.{method.Name}\"/> with bound arguments.</summary>");
        using (writer.Block($"private static async global::System.Threading.Tasks.Task<object?> Invoke{index}(global::System.IServiceProvider services, object?[] arguments, global::System.Threading.CancellationToken cancellationToken)"))
        {
            var given = 0;
            var arguments = new List<string>();
            foreach (var parameter in method.Parameters)
            {
                arguments.Add(parameter.Kind switch
                {
                    ValueKind.CancellationToken => "cancellationToken",
                    // No per-call options from a suite: the method's own apply (a non-nullable parameter takes null too; the executor treats it as none).
                    ValueKind.CallOptions => parameter.TypeDisplay.EndsWith("?", System.StringComparison.Ordinal) ? "null" : "null!",
                    _ => $"({parameter.TypeDisplay})arguments[{given++}]{(parameter.TypeDisplay.EndsWith("?", System.StringComparison.Ordinal) ? string.Empty : "!")}",
                });
            }

            writer.Line($"{client.InterfaceType} client = {client.ImplementationType}.Create(Executor(services));");
            var call = $"(await client.{method.Name}({string.Join(", ", arguments)}).ConfigureAwait(false))";
            writer.Line(method.ReturnKind is ReturnKind.TextResult or ReturnKind.JsonResult ? $"return {call}.Value;" : $"return {call};");
        }
    }

    /// <summary>The parameters a suite gives: all but the cancellation token and the call options.</summary>
    public static IEnumerable<ParameterModel> Given(MethodSpec method) =>
        method.Parameters.Where(p => p.Kind is not (ValueKind.CancellationToken or ValueKind.CallOptions));

    private static string? TypeInfo(string typeDisplay, EquatableArray<JsonContextModel> contexts)
    {
        var type = typeDisplay.TrimEnd('?');
        var context = contexts.Where(c => c.Types.Any(t => t.Type == type)).OrderBy(c => c.ContextType, System.StringComparer.Ordinal).FirstOrDefault();
        return context is null ? null : context.ContextType + ".Default." + context.Types.First(t => t.Type == type).PropertyName;
    }

    private static string WithoutGlobal(string type) => type.Replace("global::", string.Empty);
}
