using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PromptGen.Generators.IntegrationTests;

/// <summary>
/// The template language over real HTTP against the simulator: a RAG loop with member paths, a conditional section on
/// and off, few-shot role sections and a history parameter, asserted in each provider's request body.
/// </summary>
public sealed class TemplateClientTests : IAsyncLifetime
{
    private static readonly Question s_question = new(
        "Which plan includes phone support?",
        [
            new Document("Plans", "Pro includes phone support.", new Source("pricing.md")),
            new Document("FAQ", "Basic has e-mail support only.", null),
        ],
        Cite: true);

    private Host _host = null!;

    public async Task InitializeAsync() => _host = await Host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Rag_loop_renders_member_paths_and_the_conditional_sections_on_openai()
    {
        _host.Simulator.Script.Always().Reply("Pro [Plans]");

        var answer = await _host.Knowledge.AnswerAsync(s_question);

        Assert.Equal("Pro [Plans]", answer);
        var messages = Messages(Assert.Single(_host.Simulator.Requests));
        Assert.Equal(
            [
                ("system", "You answer from the documents only."),
                ("user", """
                    Question: Which plan includes phone support?
                    <doc n="1" title="Plans" source="pricing.md">
                    Pro includes phone support.
                    </doc>
                    <doc n="2" title="FAQ">
                    Basic has e-mail support only.
                    </doc>
                    Cite the titles you used.
                    """),
            ],
            messages);
    }

    [Fact]
    public async Task Conditional_sections_off_render_the_else_branch_and_nothing_else()
    {
        _host.Simulator.Script.Always().Reply("I do not know.");

        await _host.Knowledge.AnswerAsync(s_question with { Documents = [], Cite = false });

        var request = Assert.Single(_host.Simulator.Requests);
        Assert.Equal("Question: Which plan includes phone support?\nNo documents were found; say that you do not know.", request.LastUserText!.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Rag_on_anthropic_sends_the_system_section_as_system_and_the_rest_as_one_user_message()
    {
        _host.Simulator.Script.Always().Reply("Pro");

        await _host.Knowledge.AnswerWithClaudeAsync(s_question with { Cite = false });

        var request = Assert.Single(_host.Simulator.Requests);
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal("You answer from the documents only.", request.SystemText);
        var messages = Messages(request);
        var user = Assert.Single(messages);
        Assert.Equal("user", user.Role);
        Assert.StartsWith("Question: Which plan includes phone support?\n<doc n=\"1\" title=\"Plans\" source=\"pricing.md\">", user.Text, StringComparison.Ordinal);
        Assert.EndsWith("Basic has e-mail support only.\n</doc>", user.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Few_shot_sections_are_user_and_assistant_turns_on_openai()
    {
        _host.Simulator.Script.Always().Reply("other");

        await _host.Knowledge.ClassifyAsync("The app crashes on start.");

        Assert.Equal(
            [
                ("system", "Classify the ticket as billing, shipping or other. Answer with the label only."),
                ("user", "My card was charged twice."),
                ("assistant", "billing"),
                ("user", "The parcel never arrived."),
                ("assistant", "shipping"),
                ("user", "The app crashes on start."),
            ],
            Messages(Assert.Single(_host.Simulator.Requests)));
    }

    [Fact]
    public async Task Few_shot_sections_on_anthropic_put_the_system_text_aside_and_alternate_turns()
    {
        _host.Simulator.Script.Always().Reply("other");

        await _host.Knowledge.ClassifyWithClaudeAsync("The app crashes on start.");

        var request = Assert.Single(_host.Simulator.Requests);
        Assert.Equal("Classify the ticket as billing, shipping or other. Answer with the label only.", request.SystemText);
        Assert.Equal(
            [("user", "My card was charged twice."), ("assistant", "billing"), ("user", "The app crashes on start.")],
            Messages(request));
    }

    [Fact]
    public async Task History_parameter_is_placed_between_the_system_prompt_and_the_question_on_openai()
    {
        _host.Simulator.Script.Always().Reply("It ships in 2 days.");
        ChatMessage[] history = [new(ChatRole.User, "Hi, I ordered a lamp."), new(ChatRole.Assistant, "Thanks! How can I help?")];

        await _host.Knowledge.ChatAsync("Lampshop", history, "When does it ship?");

        Assert.Equal(
            [
                ("system", "You are the support agent of Lampshop."),
                ("user", "Hi, I ordered a lamp."),
                ("assistant", "Thanks! How can I help?"),
                ("user", "When does it ship?"),
            ],
            Messages(Assert.Single(_host.Simulator.Requests)));
    }

    [Fact]
    public async Task Unplaced_history_goes_before_the_prompt_on_anthropic()
    {
        _host.Simulator.Script.Always().Reply("Tomorrow.");
        ChatMessage[] history = [new(ChatRole.User, "Hi, I ordered a lamp."), new(ChatRole.Assistant, "Thanks! How can I help?")];

        await _host.Knowledge.ChatWithClaudeAsync("Lampshop", history, "When does it ship?");

        var request = Assert.Single(_host.Simulator.Requests);
        Assert.Equal("You are the support agent of Lampshop.", request.SystemText);
        Assert.Equal(
            [("user", "Hi, I ordered a lamp."), ("assistant", "Thanks! How can I help?"), ("user", "When does it ship?")],
            Messages(request));
    }

    [Fact]
    public async Task Loop_markers_nested_loops_negations_and_nulls_render_as_written()
    {
        _host.Simulator.Script.Always().Reply("ok");
        Shelf[] shelves =
        [
            new("A", Books(["x", "y", "z"]), ["new", "old"], 12.5m, true, null, new Source("Ann")),
            new("B", Books<string>([]), null, null, null, "", null!),
            new("C", Books(["w"]), [], 3m, false, "mind the gap", new Source("Cy")),
        ];

        await _host.Knowledge.ShelvesAsync(Books(shelves));

        Assert.Equal(
            """
            1. A (first): x, y, z
            tags [0new][1old!]; price 12.50; open; owner Ann
            2. B: 
            no tags; price n/a; closed; owner 
            3. C (last): w
            no tags; price 3.00; closed note=mind the gap; owner Cy

            """,
            Assert.Single(_host.Simulator.Requests).LastUserText!.ReplaceLineEndings("\n"));
    }

    /// <summary>A lazy sequence (not a list), so the generated loops take the enumerator path.</summary>
    private static IEnumerable<T> Books<T>(T[] items)
    {
        foreach (var item in items)
        {
            yield return item;
        }
    }

    /// <summary>The request's chat messages as (role, text) in order, from the body as the provider received it.</summary>
    private static List<(string Role, string Text)> Messages(PromptGen.Testing.RecordedRequest request) =>
        [.. request.BodyJson!.Value.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString()!, Text(m.GetProperty("content")).ReplaceLineEndings("\n")))];

    private static string Text(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Concat(content.EnumerateArray().Where(p => p.GetProperty("type").GetString() == "text").Select(p => p.GetProperty("text").GetString()));
}
