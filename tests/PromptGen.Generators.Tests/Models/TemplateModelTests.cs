using PromptGen.Generators.Models;

namespace PromptGen.Generators.Tests.Models;

/// <summary>The checked template trees the resolver hands the emitter: member paths, blocks, conversations.</summary>
public class TemplateModelTests
{
    [Fact]
    public void Member_paths_become_accesses_with_null_conditional_hops()
    {
        var method = ModelHarness.Method(TemplateSources.Support, "SummarizeAsync");

        var name = method.UserPrompt.First(p => p.Value?.Path == "order.Customer.Name").Value!;
        Assert.Equal((AccessRoot.Parameter, "order", ValueKind.Text), (name.RootKind, name.Root, name.Value.Kind));
        Assert.Equal([new MemberHop("Customer", true), new MemberHop("Name", true)], name.Hops);
        var total = method.UserPrompt.Single(p => p.Value?.Path == "order.Total");
        Assert.Equal(("C2", ValueKind.Formattable, true), (total.Format, total.Value!.Value.Kind, total.Value.Value.IsValueType));
        Assert.Equal("order", total.Parameter!.Name);
    }

    [Fact]
    public void Loops_bind_items_and_markers_and_conditions_keep_their_branches()
    {
        var method = ModelHarness.Method(TemplateSources.Support, "SummarizeAsync");

        var loop = method.UserPrompt.Single(p => p.Block == RenderBlock.Each);
        Assert.Equal(("line", "Count"), (loop.Alias, loop.Value!.Value.CountMember));
        var price = loop.Body.Single(p => p.Value?.Path == "line.Price");
        Assert.Equal((AccessRoot.Item, "line", "F2"), (price.Value!.RootKind, price.Value.Root, price.Format));
        var last = loop.Body.Single(p => p.Block == RenderBlock.If);
        Assert.Equal((AccessRoot.Marker, "@last", true), (last.Value!.RootKind, last.Value.Root, last.Negated));

        var referrer = method.UserPrompt.Single(p => p.Block == RenderBlock.If && p.Value!.Path == "order.Referrer");
        Assert.Equal([" Referred by ", null, "."], referrer.Body.Select(p => p.Literal));
        Assert.Equal(" No referrer.", Assert.Single(referrer.Else).Literal);
    }

    [Fact]
    public void Role_sections_become_messages_trimmed_at_their_edges()
    {
        var method = ModelHarness.Method(TemplateSources.Chat, "ClassifyAsync");

        Assert.Equal(["system", "user", "assistant", "user"], method.UserPrompt.Select(p => p.Alias));
        Assert.All(method.UserPrompt, p => Assert.Equal(RenderBlock.Role, p.Block));
        Assert.Equal("You classify support tickets.", Assert.Single(method.UserPrompt[0].Body).Literal);
        Assert.Equal("billing", Assert.Single(method.UserPrompt[2].Body).Literal);
        Assert.Equal(["Ticket: ", "ticket", " ", "photo"], method.UserPrompt[3].Body.Select(p => p.Literal ?? p.Parameter!.Name));
    }

    [Fact]
    public void History_goes_where_placed_or_before_the_template_messages()
    {
        var placed = ModelHarness.Method(TemplateSources.Chat, "ChatAsync");
        Assert.Equal([(RenderBlock.History, "history"), (RenderBlock.Role, "user")], placed.UserPrompt.Select(p => (p.Block, p.Block == RenderBlock.History ? p.Parameter!.Name : p.Alias)));

        var unplaced = ModelHarness.Method(TemplateSources.Chat, "StreamAsync");
        Assert.Equal([(RenderBlock.History, "history"), (RenderBlock.Role, "user"), (RenderBlock.Role, "user")], unplaced.UserPrompt.Select(p => (p.Block, p.Block == RenderBlock.History ? p.Parameter!.Name : p.Alias)));

        var fewShot = ModelHarness.Method(
            ModelHarness.Interface("""[Prompt(File = "prompts/c.prompt.md")] Task<string> XAsync(IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> history, string q);"""),
            "XAsync",
            GeneratorHarness.File("/p/prompts/c.prompt.md", "{#system}\nBe kind.\n{history}\n{#user}\n{q}\n"));
        Assert.Equal([(RenderBlock.Role, "system"), (RenderBlock.History, null), (RenderBlock.Role, "user")], fewShot.UserPrompt.Select(p => (p.Block, p.Alias)));
    }

    [Fact]
    public void Templates_without_sections_stay_one_flat_user_message()
    {
        var method = ModelHarness.Method(TemplateSources.Rag, "AnswerAsync", GeneratorHarness.File("/repo/prompts/rag.prompt.md", TemplateSources.RagTemplate));

        Assert.DoesNotContain(method.UserPrompt, p => p.Block is RenderBlock.Role or RenderBlock.History);
        Assert.Equal([RenderBlock.None, RenderBlock.If, RenderBlock.If, RenderBlock.None, RenderBlock.None], method.UserPrompt.Select(p => p.Block));
    }

    [Fact]
    public void Templates_read_public_readable_members_only()
    {
        var method = ModelHarness.Method(
            ModelHarness.Interface(
                """[Prompt("{box.Name} {box.Count}")] Task<string> XAsync(Box box);""",
                extra: """
                    public class BaseBox { public int Count; }
                    public sealed class Box : BaseBox
                    {
                        public string Name { get; set; } = "";
                        public string Secret { private get; set; } = "";
                        public static string Shared => "";
                        public System.ReadOnlySpan<char> Chars => Name.AsSpan();
                        public char this[int i] => Name[i];
                        internal string Hidden => "";
                    }
                    """),
            "XAsync");

        Assert.Equal(["Name", "Count"], method.UserPrompt.Where(p => p.Value is not null).Select(p => p.Value!.Hops[0].EmitName));
        var result = ModelHarness.Client(ModelHarness.Interface(
            """[Prompt("{box.Chars}{box.Secret}")] Task<string> XAsync(Box box);""",
            extra: """public sealed class Box { public string Secret { private get; set; } = ""; public System.ReadOnlySpan<char> Chars => default; }"""));
        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "PG0107"));
    }

    [Fact]
    public void Parameters_used_only_in_blocks_count_as_used()
    {
        var result = ModelHarness.Client(ModelHarness.Interface("""[Prompt("{#if flag}yes{/if}{#each tags as t}{t}{/each}")] Task<string> XAsync(bool flag, IReadOnlyList<string> tags, CancellationToken ct = default);"""));

        Assert.Empty(ModelHarness.Problems(result));
    }

    [Fact]
    public void Readme_example_resolves_without_problems()
    {
        var readme = File.ReadAllText(Path.Combine(Diagnostics.DiagnosticTests.RepoRoot(), "README.md"));
        var start = readme.IndexOf("[Prompt(\"\"\"\n    {#system}", StringComparison.Ordinal);
        var end = readme.IndexOf("cancellationToken = default);", start, StringComparison.Ordinal) + "cancellationToken = default);".Length;
        var source = ModelHarness.Interface(readme[start..end], extra: """
            public sealed record Customer(string Name, bool IsVip);
            public sealed record Ticket(Customer Customer, string Question);
            public sealed record Document(string Title, string Body);
            """);

        var method = ModelHarness.Method(source, "AnswerAsync");

        Assert.Equal(["system", "user"], method.UserPrompt.Select(p => p.Alias));
    }
}
