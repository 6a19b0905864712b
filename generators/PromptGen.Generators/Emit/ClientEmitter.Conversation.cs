using System.Linq;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Emit;

/// <summary>
/// A [Prompt] template with role sections or a history parameter: the messages in template order — the [SystemPrompt],
/// then each section as a message of its role (images where their placeholder stands), the history where it is placed.
/// </summary>
internal static partial class ClientEmitter
{
    private const string MessageList = "global::System.Collections.Generic.List<global::Microsoft.Extensions.AI.ChatMessage>";

    private static bool IsConversation(MethodSpec method) => method.UserPrompt.Any(p => p.Block is RenderBlock.Role or RenderBlock.History);

    /// <summary>Writes the messages of a template without role sections: the system prompt, then one user message.</summary>
    private static string SingleMessage(CodeWriter writer, MethodSpec method, string? system, Locals locals)
    {
        var user = HasImages(method) ? UserContent(writer, method, locals) : RenderCall(method.UserPrompt, RenderName(method, "Prompt"));
        var messages = locals.Take("messages");
        using (writer.Block($"var {messages} = new {GeneratedCode.ChatMessage}[]", "};"))
        {
            if (system is not null)
            {
                writer.Line($"new {GeneratedCode.ChatMessage}({GeneratedCode.ChatRole}.System, {system}),");
            }

            writer.Line($"new {GeneratedCode.ChatMessage}({GeneratedCode.ChatRole}.User, {user}),");
        }

        return messages;
    }

    /// <summary>Writes the message list of a conversation template and returns its name.</summary>
    private static string Conversation(CodeWriter writer, MethodSpec method, string? system, Locals locals)
    {
        var messages = locals.Take("messages");
        var sections = method.UserPrompt;
        var fixedCount = sections.Count(s => s.Block == RenderBlock.Role) + (system is null ? 0 : 1);
        var capacity = sections.Any(s => s.Block == RenderBlock.History) ? string.Empty : Literals.Int(fixedCount);
        writer.Line($"var {messages} = new {MessageList}({capacity});");
        if (system is not null)
        {
            writer.Line($"{messages}.Add(new {GeneratedCode.ChatMessage}({GeneratedCode.ChatRole}.System, {system}));");
        }

        // Images the template does not place go to the last user message, after its text.
        var images = method.Parameters.Where(p => p.Kind is ValueKind.Image or ValueKind.Images).ToList();
        var lastUser = LastIndex(sections, s => s is { Block: RenderBlock.Role, Alias: "user" });
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            if (section.Block == RenderBlock.History && section.Parameter is { } history)
            {
                var add = $"{messages}.AddRange({history.EmitName});";
                if (history.CanBeNull)
                {
                    using (writer.Block($"if ({history.EmitName} is not null)"))
                    {
                        writer.Line(add);
                    }
                }
                else
                {
                    writer.Line(add);
                }

                continue;
            }

            var role = $"{GeneratedCode.ChatRole}.{Role(section.Alias)}";
            var name = SectionName(method, i);
            var content = section.Body.Any(IsImage) || (i == lastUser && images.Count > 0)
                ? MessageContent(writer, section.Body, name, i == lastUser ? images : Enumerable.Empty<ParameterModel>(), locals)
                : RenderCall(section.Body, name);
            writer.Line($"{messages}.Add(new {GeneratedCode.ChatMessage}({role}, {content}));");
        }

        if (lastUser < 0 && images.Count > 0)
        {
            var content = MessageContent(writer, EquatableArray<RenderPart>.Empty, RenderName(method, "Prompt"), images, locals);
            writer.Line($"{messages}.Add(new {GeneratedCode.ChatMessage}({GeneratedCode.ChatRole}.User, {content}));");
        }

        return messages;
    }

    /// <summary>Writes the render methods of a conversation's sections.</summary>
    private static void ConversationRenderMethods(CodeWriter writer, MethodSpec method)
    {
        for (var i = 0; i < method.UserPrompt.Count; i++)
        {
            var section = method.UserPrompt[i];
            if (section.Block != RenderBlock.Role)
            {
                continue;
            }

            var segments = TextSegments(section.Body);
            for (var k = 0; k < segments.Count; k++)
            {
                var what = $"{section.Alias} message {Literals.Int(i + 1)} of <c>{method.Name}</c>{(segments.Count > 1 ? $" (text part {k + 1})" : string.Empty)}";
                var endsWithBlock = k == segments.Count - 1 && segments[k].Count > 0 && segments[k][segments[k].Count - 1].Block is RenderBlock.If or RenderBlock.Each;
                RenderMethod(writer, segments[k], SegmentName(SectionName(method, i), k), what, endsWithBlock);
            }
        }
    }

    private static string SectionName(MethodSpec method, int index) => RenderName(method, "Message" + Literals.Int(index + 1));

    private static string Role(string? role) => role switch
    {
        "system" => "System",
        "assistant" => "Assistant",
        _ => "User",
    };

    private static int LastIndex(EquatableArray<RenderPart> parts, System.Func<RenderPart, bool> predicate)
    {
        for (var i = parts.Count - 1; i >= 0; i--)
        {
            if (predicate(parts[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
