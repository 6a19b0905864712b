using PromptGen.CodeFixes;

namespace PromptGen.Generators.Tests.CodeFixes;

/// <summary>Each code fix applied in a real workspace: the diagnostic is gone, the code builds, the edit is the one expected.</summary>
public class CodeFixTests
{
    private const string Ct = "CancellationToken cancellationToken = default";

    [Fact]
    public async Task PG0001_makes_the_interface_partial()
    {
        var source = ModelHarness.Interface($$"""[Prompt("Hi {name}")] Task<string> HiAsync(string name, {{Ct}});""").Replace("public partial interface", "public interface", StringComparison.Ordinal);

        var outcome = await CodeFixHarness.FixAsync(new MakeInterfacePartialFix(), "PG0001", "Make 'IDemo' partial", source);

        Assert.Contains("public partial interface IDemo", outcome.Text, StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Fact]
    public async Task PG0001_without_modifiers_keeps_the_layout()
    {
        var source = ModelHarness.Interface($$"""[Prompt("Hi {name}")] Task<string> HiAsync(string name, {{Ct}});""").Replace("public partial interface", "interface", StringComparison.Ordinal);

        var outcome = await CodeFixHarness.FixAsync(new MakeInterfacePartialFix(), "PG0001", null, source);

        Assert.Contains("[PromptClient]\npartial interface IDemo", outcome.Text.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Fact]
    public async Task PG0002_adds_a_prompt_naming_the_parameters()
    {
        var source = ModelHarness.Interface($$"""    Task<string> AskAsync(string question, int count, {{Ct}});""");

        var outcome = await CodeFixHarness.FixAsync(new AddPromptAttributeFix(), "PG0002", "Add [Prompt] with the method's parameters", source);

        Assert.Contains("[Prompt(\"{question} {count}\")]\n    Task<string> AskAsync(", outcome.Text.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Theory]
    [InlineData("string", "Task<string>")]
    [InlineData("Task", "Task<string>")]
    [InlineData("ValueTask", "ValueTask<string>")]
    [InlineData("void", "Task<string>")]
    public async Task PG0003_returns_a_task(string returns, string expected)
    {
        var source = ModelHarness.Interface($$"""[Prompt("Hi {name}")] {{returns}} HiAsync(string name, {{Ct}});""");

        var outcome = await CodeFixHarness.FixAsync(new ReturnTaskFix(), "PG0003", $"Return '{expected}'", source);

        Assert.Contains($"{expected} HiAsync(", outcome.Text, StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Theory]
    [InlineData("string name", "string name, CancellationToken cancellationToken = default")]
    [InlineData("", "CancellationToken cancellationToken = default")]
    [InlineData("string name, params string[] tags", "string name, CancellationToken cancellationToken = default, params string[] tags")]
    public async Task PG0005_adds_the_cancellation_token(string parameters, string expected)
    {
        var template = parameters.Length == 0 ? "Hi" : parameters.Contains("tags", StringComparison.Ordinal) ? "Hi {name} {tags}" : "Hi {name}";
        var source = ModelHarness.Interface($$"""[Prompt("{{template}}")] Task<string> HiAsync({{parameters}});""");

        var outcome = await CodeFixHarness.FixAsync(new AddCancellationTokenFix(), "PG0005", null, source);

        Assert.Contains($"HiAsync({expected});", outcome.Text, StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Fact]
    public async Task PG0006_removes_the_second_cancellation_token()
    {
        var source = ModelHarness.Interface("""[Prompt("Hi {name}")] Task<string> HiAsync(string name, CancellationToken cancellationToken, CancellationToken other);""");

        var outcome = await CodeFixHarness.FixAsync(new RemoveParameterFix(), "PG0006", "Remove parameter 'other'", source);

        Assert.Contains("HiAsync(string name, CancellationToken cancellationToken);", outcome.Text, StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Fact]
    public async Task PG0101_renames_the_placeholder_to_the_nearest_parameter_first()
    {
        var source = ModelHarness.Interface($$"""[Prompt("Translate {txt} into {language}")] Task<string> TranslateAsync(string text, string language, {{Ct}});""");

        var outcome = await CodeFixHarness.FixAsync(new RenamePlaceholderFix(), "PG0101", null, source);

        Assert.Equal(["Rename placeholder '{txt}' to '{text}'", "Rename placeholder '{txt}' to '{language}'"], outcome.Titles);
        Assert.Contains("""[Prompt("Translate {text} into {language}")]""", outcome.Text, StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Fact]
    public async Task PG0101_in_a_member_path_renames_only_the_root()
    {
        var source = ModelHarness.Interface(
            $$"""[Prompt("Summarize {tiket.Title}")] Task<string> SummarizeAsync(Ticket ticket, {{Ct}});""",
            extra: "public sealed record Ticket(string Title);");

        var outcome = await CodeFixHarness.FixAsync(new RenamePlaceholderFix(), "PG0101", null, source);

        Assert.Contains("""[Prompt("Summarize {ticket.Title}")]""", outcome.Text, StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Theory]
    [InlineData("openai:gpt-4o", "openai/gpt-4o")]
    [InlineData("anthropic|claude-sonnet-4-5", "anthropic/claude-sonnet-4-5")]
    [InlineData("ollama:llama3.2:3b", "ollama/llama3.2:3b")]
    public async Task PG0201_fixes_the_separator(string written, string expected)
    {
        var source = ModelHarness.Interface($$"""[Prompt("Hi {name}")] [Model("{{written}}")] Task<string> HiAsync(string name, {{Ct}});""");

        var outcome = await CodeFixHarness.FixAsync(new FixModelIdSeparatorFix(), "PG0201", $"Use '{expected}'", source);

        Assert.Contains($"[Model(\"{expected}\")]", outcome.Text, StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Fact]
    public async Task PG0202_adds_the_type_to_an_existing_context()
    {
        var source = ModelHarness.Interface($$"""[Prompt("Triage {text}")] Task<Ticket> TriageAsync(string text, {{Ct}});""");
        var context = """
            using System.Text.Json.Serialization;

            namespace Demo;

            public sealed record Ticket(string Category);

            public sealed record Other(int Id);

            [JsonSerializable(typeof(Other))]
            internal sealed partial class AppJson : JsonSerializerContext;
            """;

        var outcome = await CodeFixHarness.FixAsync(new AddJsonSerializableFix(), "PG0202", "Add [JsonSerializable(typeof(Ticket))] to 'AppJson'", source, context);

        var contextDocument = outcome.Solution.Projects.Single().Documents.Single(d => d.Name == "Input1.cs");
        var text = (await contextDocument.GetTextAsync()).ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains("[JsonSerializable(typeof(Ticket))]\n[JsonSerializable(typeof(Other))]\ninternal sealed partial class AppJson", text, StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Fact]
    public async Task PG0202_declares_a_context_when_there_is_none()
    {
        var source = ModelHarness.Interface(
            $$"""[Prompt("Triage {text}")] Task<PromptResult<Ticket>> TriageAsync(string text, {{Ct}});""",
            extra: "public sealed record Ticket(string Category);");

        var outcome = await CodeFixHarness.FixAsync(new AddJsonSerializableFix(), "PG0202", "Declare a JsonSerializerContext for 'Ticket'", source);

        Assert.Contains("}\n\n[JsonSerializable(typeof(Ticket))]\ninternal sealed partial class DemoJsonContext : JsonSerializerContext;", outcome.Text.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Fact]
    public async Task PG0203_removes_the_repeated_fallback()
    {
        var source = ModelHarness.Interface($$"""[Prompt("Hi {name}")] [Model("openai/gpt-4o", Fallbacks = ["anthropic/claude-sonnet-4-5", "openai/gpt-4o"])] Task<string> HiAsync(string name, {{Ct}});""");

        var outcome = await CodeFixHarness.FixAsync(new RemoveRepeatedFallbackFix(), "PG0203", "Remove repeated fallback 'openai/gpt-4o'", source);

        Assert.Contains("""[Model("openai/gpt-4o", Fallbacks = ["anthropic/claude-sonnet-4-5"])]""", outcome.Text, StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Fact]
    public async Task PG0304_removes_OneOf_from_a_typed_json_result()
    {
        var source = ModelHarness.Interface(
            $$"""[Prompt("Triage {text}")] [OneOf("Billing", "Bug")] [NotEmpty] Task<Ticket> TriageAsync(string text, {{Ct}});""",
            extra: "public sealed record Ticket(string Category); [JsonSerializable(typeof(Ticket))] internal sealed partial class TicketJson : JsonSerializerContext;");

        var outcome = await CodeFixHarness.FixAsync(new RemoveRuleFix(), "PG0304", "Remove [OneOf]", source);

        Assert.DoesNotContain("OneOf", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("[NotEmpty]", outcome.Text, StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Fact]
    public async Task PG0308_removes_a_rule_from_a_streaming_method_in_a_shared_list()
    {
        var source = ModelHarness.Interface($$"""[Prompt("Tell me about {city}"), NotEmpty] IAsyncEnumerable<string> TellAsync(string city, {{Ct}});""");

        var outcome = await CodeFixHarness.FixAsync(new RemoveRuleFix(), "PG0308", "Remove [NotEmpty]", source);

        Assert.Contains("""[Prompt("Tell me about {city}")] IAsyncEnumerable<string> TellAsync(""", outcome.Text, StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Theory]
    [InlineData("byte[]", "PromptImage")]
    [InlineData("System.IO.Stream?", "PromptImage?")]
    public async Task PG0403_declares_the_parameter_as_PromptImage(string type, string expected)
    {
        var source = ModelHarness.Interface($$"""[Prompt("Describe {photo}")] Task<string> DescribeAsync({{type}} photo, {{Ct}});""");

        var outcome = await CodeFixHarness.FixAsync(new UsePromptImageFix(), "PG0403", "Declare 'photo' as PromptImage", source);

        Assert.Contains($"DescribeAsync({expected} photo,", outcome.Text, StringComparison.Ordinal);
        await AssertCleanAsync(outcome);
    }

    [Fact]
    public async Task A_fix_offers_nothing_for_a_diagnostic_in_another_file()
    {
        var source = ModelHarness.Interface("""[Prompt("Hi {nme}")] Task<string> HiAsync(string name, CancellationToken cancellationToken = default);""");
        var document = CodeFixHarness.Document(source, "namespace Other; public sealed class Unrelated { }");
        var diagnostic = Assert.Single(await CodeFixHarness.DiagnosticsAsync(document.Project), d => d.Id == "PG0101");
        var other = document.Project.Documents.Single(d => d.Name == "Input1.cs");

        Assert.Empty(await CodeFixHarness.ActionsAsync(new RenamePlaceholderFix(), other, diagnostic));
    }

    /// <summary>The fixed diagnostic is gone, no other PromptGen problem appeared, and the project builds.</summary>
    private static async Task AssertCleanAsync(CodeFixHarness.Outcome outcome)
    {
        var fixedId = Assert.Single(outcome.Before.Select(d => d.Id).Except(outcome.After.Select(d => d.Id)));
        Assert.DoesNotContain(outcome.After, d => d.Id == fixedId);
        Assert.Empty(outcome.After.Select(d => d.Id).Except(outcome.Before.Select(d => d.Id)));
        Assert.Empty(await CodeFixHarness.CompileErrorsAsync(outcome.Solution.Projects.Single()));
    }
}
