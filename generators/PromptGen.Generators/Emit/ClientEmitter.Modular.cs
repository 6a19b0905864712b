using System.Linq;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Emit;

/// <summary>
/// Render and parse separately: a second part of the generated class with two accessors, <c>Render</c> (each method's
/// messages and options without sending them) and <c>Parse</c> (an answer read with each method's schema, parse policy
/// and rules). Method names mirror the interface's, so <c>client.Render.DescribeAsync(city)</c> sits beside
/// <c>client.DescribeAsync(city)</c>.
/// </summary>
internal static partial class ClientEmitter
{
    private const string Request = "global::PromptGen.Generated.PromptRequest";

    public static string ModularHintName(ClientSpec client) => client.ImplementationType.Substring("global::".Length) + ".Modular.g.cs";

    public static string EmitModular(ClientSpec client)
    {
        var writer = CodeWriter.ForGeneratedFile();
        if (client.Namespace.Length > 0)
        {
            writer.Line($"namespace {client.Namespace};");
            writer.Line();
        }

        var methods = client.Methods.Where(m => m.Error is null).ToList();
        var name = client.ImplementationName;
        using (writer.Block($"{(client.IsPublic ? "public" : "internal")} sealed partial class {name}"))
        {
            writer.Line("/// <summary>Gets each method's messages and options, rendered without sending them.</summary>");
            writer.Line($"public {name}Renderer Render => new {name}Renderer(_executor);");
            writer.Line();
            writer.Line("/// <summary>Gets each method's answer reader: an answer obtained elsewhere, read with the method's schema, parse policy and rules.</summary>");
            writer.Line($"public {name}Parser Parse => new {name}Parser(_executor);");
            writer.Line();
            writer.Line($"/// <summary>Renders the methods of <see cref=\"{client.InterfaceType}\"/> without sending them.</summary>");
            using (writer.Block($"public sealed class {name}Renderer"))
            {
                writer.Line($"private readonly {GeneratedCode.Executor} _executor;");
                writer.Line();
                writer.Line($"internal {name}Renderer({GeneratedCode.Executor} executor) => _executor = executor;");
                foreach (var method in methods)
                {
                    writer.Line();
                    RenderOnly(writer, method);
                }
            }

            writer.Line();
            writer.Line($"/// <summary>Reads answers to the methods of <see cref=\"{client.InterfaceType}\"/> with each method's rules, without a model call.</summary>");
            using (writer.Block($"public sealed class {name}Parser"))
            {
                writer.Line($"private readonly {GeneratedCode.Executor} _executor;");
                writer.Line();
                writer.Line($"internal {name}Parser({GeneratedCode.Executor} executor) => _executor = executor;");
                foreach (var method in methods)
                {
                    writer.Line();
                    ParseOnly(writer, method);
                }
            }
        }

        return writer.ToString();
    }

    /// <summary>The render-only twin of a method: the same messages, returned with the options instead of sent.</summary>
    private static void RenderOnly(CodeWriter writer, MethodSpec method)
    {
        var rendered = method.Parameters.Where(p => p.Kind is not (ValueKind.CancellationToken or ValueKind.CallOptions)).ToList();
        writer.Line($"/// <summary>Renders what <c>{method.Name}</c> would send, without sending it.</summary>");
        foreach (var parameter in rendered)
        {
            writer.Line($"/// <param name=\"{parameter.Name}\">As in the method.</param>");
        }

        writer.Line("/// <returns>The messages, chat options and model of the call.</returns>");
        using (writer.Block($"public {Request} {method.Name}({string.Join(", ", rendered.Select(p => p.TypeDisplay + " " + p.EmitName))})"))
        {
            var locals = new Locals(method.Parameters.Select(p => p.Name));
            var system = method.SystemPrompt is { } systemParts ? RenderCall(systemParts, RenderName(method, "SystemPrompt")) : null;
            var messages = IsConversation(method) ? Conversation(writer, method, system, locals) : SingleMessage(writer, method, system, locals);
            writer.Line($"return _executor.Render({method.DescriptorField}, {messages});");
        }
    }

    /// <summary>The parse-only twin of a method: an answer read as the call reads it (no re-ask).</summary>
    private static void ParseOnly(CodeWriter writer, MethodSpec method)
    {
        var suffix = method.DescriptorField.Substring(method.Name.Length + "Descriptor".Length);
        var typed = method.ReturnKind is ReturnKind.Json or ReturnKind.JsonResult or ReturnKind.JsonStream;
        var result = typed ? method.ResultType! : "string";
        writer.Line($"/// <summary>Reads an answer to <c>{method.Name}</c> with its {(typed ? "schema, parse policy and " : string.Empty)}rules, as the call would (no re-ask).</summary>");
        writer.Line("/// <param name=\"answer\">The model's answer, as received.</param>");
        writer.Line("/// <param name=\"modelId\">The model that answered, recorded on the result.</param>");
        writer.Line("/// <param name=\"cancellationToken\">A token to cancel judge rules.</param>");
        writer.Line("/// <returns>The result, with the repairs made to read it.</returns>");
        writer.Line("/// <exception cref=\"global::PromptGen.ResponseValidationException\">The answer breaks the method's rules; every error is listed.</exception>");
        var signature = $"public global::System.Threading.Tasks.ValueTask<global::PromptGen.PromptResult<{result}>> {method.Name}{suffix}(string answer, string? modelId = null, global::System.Threading.CancellationToken cancellationToken = default)";
        writer.Line(typed
            ? $"{signature} => _executor.ParseJsonAsync({method.DescriptorField}, answer, {method.TypeInfo}, modelId, cancellationToken);"
            : $"{signature} => _executor.ParseTextAsync({method.DescriptorField}, answer, modelId, cancellationToken);");
    }
}
