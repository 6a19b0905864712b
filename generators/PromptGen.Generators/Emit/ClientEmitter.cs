using System.Collections.Generic;
using System.Linq;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Emit;

/// <summary>Writes the sealed implementation of one prompt client. Reads only the <see cref="ClientSpec"/>; decides nothing.</summary>
internal static partial class ClientEmitter
{
    public static string HintName(ClientSpec client) => client.ImplementationType.Substring("global::".Length) + ".g.cs";

    public static string Emit(ClientSpec client)
    {
        var writer = CodeWriter.ForGeneratedFile();
        if (client.Namespace.Length > 0)
        {
            writer.Line($"namespace {client.Namespace};");
            writer.Line();
        }

        writer.Line($"/// <summary>The PromptGen-generated implementation of <see cref=\"{client.InterfaceType}\"/>.</summary>");
        writer.Line(GeneratedCode.Attribute);
        using (writer.Block($"{(client.IsPublic ? "public" : "internal")} sealed partial class {client.ImplementationName} : {client.InterfaceType}"))
        {
            foreach (var method in client.Methods)
            {
                Descriptor(writer, client, method);
                writer.Line();
            }

            writer.Line($"private readonly {GeneratedCode.Executor} _executor;");
            writer.Line();
            writer.Line("/// <summary>Initializes the client over the executor that runs its prompts.</summary>");
            writer.Line("/// <param name=\"executor\">The PromptGen executor, registered by <c>AddPromptGen</c>.</param>");
            using (writer.Block($"public {client.ImplementationName}({GeneratedCode.Executor} executor)"))
            {
                writer.Line("_executor = executor ?? throw new global::System.ArgumentNullException(nameof(executor));");
            }

            writer.Line();
            writer.Line("/// <summary>Creates the client over <paramref name=\"executor\"/>.</summary>");
            writer.Line("/// <param name=\"executor\">The PromptGen executor, registered by <c>AddPromptGen</c>.</param>");
            writer.Line("/// <returns>The client.</returns>");
            writer.Line($"public static {client.ImplementationName} Create({GeneratedCode.Executor} executor) => new {client.ImplementationName}(executor);");
            foreach (var method in client.Methods)
            {
                writer.Line();
                Method(writer, method);
            }

            foreach (var stub in client.MemberStubs)
            {
                writer.Line();
                writer.Line(stub);
            }
        }

        return writer.ToString();
    }

    private static void Descriptor(CodeWriter writer, ClientSpec client, MethodSpec method)
    {
        var header = $"private static readonly {GeneratedCode.Descriptor} {method.DescriptorField} = new {GeneratedCode.Descriptor}({Literals.String(client.InterfaceFullName)}, {Literals.String(method.Name)})";
        var settings = DescriptorSettings(method).ToList();
        if (settings.Count == 0)
        {
            writer.Line(header + ";");
            return;
        }

        using (writer.Block(header, closing: "};"))
        {
            foreach (var setting in settings)
            {
                writer.Line(setting + ",");
            }
        }
    }

    /// <summary>The descriptor's initializers, one per build-time setting the method has.</summary>
    private static IEnumerable<string> DescriptorSettings(MethodSpec method)
    {
        if (method.Model is not null)
        {
            yield return $"Model = {Literals.String(method.Model)}";
        }

        if (method.Fallbacks.Count > 0)
        {
            yield return $"Fallbacks = new string[] {{ {string.Join(", ", method.Fallbacks.Select(Literals.String))} }}";
        }

        if (method.Temperature is { } temperature)
        {
            yield return $"Temperature = {Literals.Float(temperature)}";
        }

        if (method.MaxOutputTokens is { } tokens)
        {
            yield return $"MaxOutputTokens = {Literals.Int(tokens)}";
        }

        foreach (var setting in ResilienceInitializers(method.Resilience).Concat(RuleInitializers(method)))
        {
            yield return setting;
        }

        if (method.SchemaJson is not null)
        {
            yield return $"JsonSchema = {Literals.Utf8Raw(method.SchemaJson)}.ToArray()";
            yield return $"SchemaName = {Literals.String(method.SchemaName)}";
            if (method.StrictSchema)
            {
                yield return "StrictSchema = true";
            }
        }
    }

    /// <summary>The runtime options records for the resilience attributes, with every value spelled out.</summary>
    private static IEnumerable<string> ResilienceInitializers(ResilienceSettings settings)
    {
        if (settings.Retry is { } retry)
        {
            yield return $"Retry = new global::PromptGen.RetryOptions {{ MaxRetries = {Literals.Int(retry.MaxRetries)}, BaseDelay = {Literals.Seconds(retry.BaseDelaySeconds)}, MaxDelay = {Literals.Seconds(retry.MaxDelaySeconds)}, UseJitter = {(retry.UseJitter ? "true" : "false")} }}";
        }

        if (settings.Breaker is { } breaker)
        {
            yield return $"CircuitBreaker = new global::PromptGen.CircuitBreakerOptions {{ FailureRatio = {Literals.Double(breaker.FailureRatio)}, MinimumThroughput = {Literals.Int(breaker.MinimumThroughput)}, SamplingDuration = {Literals.Seconds(breaker.SamplingSeconds)}, BreakDuration = {Literals.Seconds(breaker.BreakSeconds)} }}";
        }

        if (settings.Timeout is { AttemptSeconds: > 0 } attempt)
        {
            yield return $"AttemptTimeout = {Literals.Seconds(attempt.AttemptSeconds)}";
        }

        if (settings.Timeout is { FirstTokenSeconds: > 0 } firstToken)
        {
            yield return $"FirstTokenTimeout = {Literals.Seconds(firstToken.FirstTokenSeconds)}";
        }

        if (settings.Timeout is { IdleSeconds: > 0 } idle)
        {
            yield return $"IdleTimeout = {Literals.Seconds(idle.IdleSeconds)}";
        }

        if (settings.Timeout is { TotalSeconds: > 0 } total)
        {
            yield return $"TotalTimeout = {Literals.Seconds(total.TotalSeconds)}";
        }

        if (settings.Cache is { TotalSeconds: > 0 } cache)
        {
            yield return $"Cache = new global::PromptGen.PromptCacheOptions {{ Duration = {Literals.Seconds(cache.TotalSeconds)} }}";
        }

        if (settings.Escalation is { } escalation)
        {
            yield return $"Escalation = new global::PromptGen.EscalationOptions {{ StrongerModel = {Literals.String(escalation.StrongerModel)}, SwitchModelAfter = {Literals.Int(escalation.SwitchModelAfter)}, AskHumanAfter = {Literals.Int(escalation.AskHumanAfter)} }}";
        }
    }

    private static void Method(CodeWriter writer, MethodSpec method)
    {
        var parameters = string.Join(", ", method.Parameters.Select(p => p.TypeDisplay + " " + p.EmitName));
        var isAsync = method.Error is null && method.ReturnKind is ReturnKind.Text or ReturnKind.Json;
        writer.Line("/// <inheritdoc/>");
        using (writer.Block($"public {(isAsync ? "async " : string.Empty)}{method.ReturnTypeDisplay} {method.Name}({parameters})"))
        {
            if (method.Error is not null)
            {
                writer.Line($"throw new global::System.NotSupportedException({Literals.String(method.Error)});");
                return;
            }

            var locals = new Locals(method.Parameters.Select(p => p.Name));
            var system = method.SystemPrompt is { } systemParts ? RenderCall(systemParts, RenderName(method, "SystemPrompt")) : null;
            var messages = IsConversation(method) ? Conversation(writer, method, system, locals) : SingleMessage(writer, method, system, locals);

            var token = method.CancellationToken ?? "default";

            // The caller's per-call options (a PromptCallOptions parameter), when the method takes them.
            var options = method.Parameters.FirstOrDefault(p => p.Kind == ValueKind.CallOptions) is { } given ? given.EmitName + ", " : string.Empty;
            var call = method.ReturnKind switch
            {
                ReturnKind.Text or ReturnKind.TextResult => $"_executor.GetTextAsync({method.DescriptorField}, {messages}, {options}{token})",
                ReturnKind.Json or ReturnKind.JsonResult => $"_executor.GetJsonAsync({method.DescriptorField}, {messages}, {method.TypeInfo}, {options}{token})",
                ReturnKind.JsonStream => $"_executor.StreamJsonAsync({method.DescriptorField}, {messages}, {method.TypeInfo}, {options}{token})",
                _ => $"_executor.StreamTextAsync({method.DescriptorField}, {messages}, {options}{token})",
            };
            if (isAsync)
            {
                writer.Line($"return (await {call}.ConfigureAwait(false)).Value;");
            }
            else if (method.IsValueTask || method.ReturnKind is ReturnKind.Stream or ReturnKind.JsonStream)
            {
                // The executor returns ValueTask (no task allocated when the call completes synchronously).
                writer.Line($"return {call};");
            }
            else
            {
                writer.Line($"return {call}.AsTask();");
            }
        }

        if (method.Error is null)
        {
            if (method.SystemPrompt is { } systemTemplate)
            {
                RenderMethod(writer, systemTemplate, RenderName(method, "SystemPrompt"), $"system prompt of <c>{method.Name}</c>");
            }

            if (IsConversation(method))
            {
                ConversationRenderMethods(writer, method);
                return;
            }

            var segments = TextSegments(method);
            for (var i = 0; i < segments.Count; i++)
            {
                RenderMethod(writer, segments[i], SegmentName(method, i), $"prompt of <c>{method.Name}</c>{(segments.Count > 1 ? $" (text part {i + 1})" : string.Empty)}");
            }
        }
    }

    /// <summary>The render method's name, unique per overload (it follows the descriptor field's numbering).</summary>
    private static string RenderName(MethodSpec method, string template) =>
        "Render" + method.Name + template + method.DescriptorField.Substring(method.Name.Length + "Descriptor".Length);

    /// <summary>Local names that cannot collide with the method's parameters.</summary>
    private sealed class Locals
    {
        private readonly HashSet<string> _taken;

        public Locals(IEnumerable<string> parameters) => _taken = new HashSet<string>(parameters);

        public string Take(string name)
        {
            var candidate = name;
            for (var i = 2; !_taken.Add(candidate); i++)
            {
                candidate = name + i;
            }

            return candidate;
        }
    }
}
