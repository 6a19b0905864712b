using Microsoft.CodeAnalysis;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Tests.Diagnostics;

/// <summary>Mistakes that used to compile and run wrongly: each is now a build error on the exact characters.</summary>
public class SilentMistakeTests
{
    [Theory]
    [InlineData("byte[]", "byte[]")]
    [InlineData("byte[]?", "byte[]")]
    [InlineData("System.IO.Stream", "Stream")]
    [InlineData("System.IO.MemoryStream", "MemoryStream")]
    [InlineData("System.ReadOnlyMemory<byte>", "ReadOnlyMemory<byte>")]
    [InlineData("System.BinaryData", "BinaryData")]
    public void PG0403_a_binary_parameter_is_not_rendered_as_a_list_of_numbers(string type, string shown)
    {
        var source = ModelHarness.Interface($$"""[Prompt("Describe {photo}")] Task<string> DescribeAsync({{type}} photo, CancellationToken cancellationToken = default);""");
        var result = ModelHarness.Client(source);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0403");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.ToDiagnostic().Severity);
        Assert.Contains($"Parameter 'photo' of 'Demo.IDemo.DescribeAsync' is {shown}", Message(diagnostic), StringComparison.Ordinal);
        Assert.Contains("declare it as PromptImage and pass PromptImage.FromBytes(bytes)", Message(diagnostic), StringComparison.Ordinal);
        Assert.Equal("photo", Text(diagnostic, source));
    }

    [Fact]
    public void PG0403_is_not_reported_for_PromptImage_or_text()
    {
        var source = ModelHarness.Interface("""[Prompt("Describe {photo} for {name}")] Task<string> DescribeAsync(PromptImage photo, string name, CancellationToken cancellationToken = default);""");

        Assert.DoesNotContain(ModelHarness.Client(source).Diagnostics, d => d.Id == "PG0403");
    }

    [Theory]
    [InlineData("IAsyncEnumerable<string>", "[NotEmpty]", "NotEmpty")]
    [InlineData("PromptStream<string>", "[Contains(\"Paris\")]", "Contains")]
    public void PG0308_rules_on_a_streaming_method_would_never_run(string returns, string rule, string kind)
    {
        var source = ModelHarness.Interface($$"""[Prompt("Tell me about {city}")] {{rule}} {{returns}} TellAsync(string city, CancellationToken cancellationToken = default);""");
        var result = ModelHarness.Client(source);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0308");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.ToDiagnostic().Severity);
        Assert.Contains($"The [{kind}] of 'Demo.IDemo.TellAsync' would never run", Message(diagnostic), StringComparison.Ordinal);
        Assert.Equal(rule.Trim('[', ']'), Text(diagnostic, source));
    }

    [Fact]
    public void PG0308_is_not_reported_for_rules_on_a_whole_answer()
    {
        var source = ModelHarness.Interface("""[Prompt("Tell me about {city}")] [NotEmpty] Task<string> TellAsync(string city, CancellationToken cancellationToken = default);""");

        Assert.DoesNotContain(ModelHarness.Client(source).Diagnostics, d => d.Id == "PG0308");
    }

    [Theory]
    [InlineData("Task<Ticket>")]
    [InlineData("Task<PromptResult<Ticket>>")]
    public void PG0304_OneOf_on_a_typed_json_result_can_never_pass(string returns)
    {
        var source = ModelHarness.Interface(
            $$"""[Prompt("Triage {text}")] [OneOf("Billing", "Bug")] {{returns}} TriageAsync(string text, CancellationToken cancellationToken = default);""",
            extra: "public sealed record Ticket(string Category); [JsonSerializable(typeof(Ticket))] internal sealed partial class TicketJson : JsonSerializerContext;");
        var result = ModelHarness.Client(source);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0304");
        Assert.Contains("The [OneOf] of 'Demo.IDemo.TriageAsync' is contradictory: the answer is a JSON object of type 'Demo.Ticket'", Message(diagnostic), StringComparison.Ordinal);
        Assert.Equal("OneOf(\"Billing\", \"Bug\")", Text(diagnostic, source));
    }

    [Fact]
    public void PG0304_OneOf_on_text_is_fine()
    {
        var source = ModelHarness.Interface("""[Prompt("Triage {text}")] [OneOf("Billing", "Bug")] Task<string> TriageAsync(string text, CancellationToken cancellationToken = default);""");

        Assert.Empty(ModelHarness.Client(source).Diagnostics);
    }

    [Theory]
    [InlineData("openai:gpt-4o", "separates provider and model with ':'", "write 'openai/gpt-4o'")]
    [InlineData("Anthropic:claude-haiku-4-5", "with ':'", "write 'Anthropic/claude-haiku-4-5'")]
    [InlineData("ollama:llama3.2:3b", "with ':'", "write 'ollama/llama3.2:3b'")]
    [InlineData("openai\\\\gpt-4o", "with '\\'", "write 'openai/gpt-4o'")]
    public void PG0201_a_colon_between_provider_and_model_gets_the_slash_form(string id, string problem, string fix)
    {
        var source = ModelHarness.Interface("""[Prompt("x {a}")] Task<string> XAsync(string a, CancellationToken cancellationToken = default);""", $$"""[PromptClient(Model = "{{id}}")]""");
        var result = ModelHarness.Client(source);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0201");
        Assert.Contains(problem, Message(diagnostic), StringComparison.Ordinal);
        Assert.Contains(fix, Message(diagnostic), StringComparison.Ordinal);
        Assert.Equal($"\"{id}\"", Text(diagnostic, source));
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("llama3.2:3b")]
    [InlineData("ollama/llama3.2:3b")]
    public void PG0201_aliases_and_tags_with_colons_are_not_flagged(string id)
    {
        var source = ModelHarness.Interface("""[Prompt("x {a}")] Task<string> XAsync(string a, CancellationToken cancellationToken = default);""", $$"""[PromptClient(Model = "{{id}}")]""");

        Assert.DoesNotContain(ModelHarness.Client(source).Diagnostics, d => d.Id == "PG0201");
    }

    [Theory]
    [InlineData("Temperature = 5", "Temperature is 5; providers accept 0 to 2")]
    [InlineData("Temperature = -0.5", "Temperature is -0.5;")]
    [InlineData("MaxOutputTokens = -3", "MaxOutputTokens is -3; give a positive token limit")]
    public void PG0205_model_settings_no_provider_accepts(string setting, string problem)
    {
        var attribute = $"Model(\"openai/gpt-4o\", {setting})";
        var source = ModelHarness.Interface($$"""[Prompt("x {a}")] [{{attribute}}] Task<string> XAsync(string a, CancellationToken cancellationToken = default);""");
        var result = ModelHarness.Client(source);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0205");
        Assert.Contains("The [Model] of 'Demo.IDemo.XAsync' is invalid: " + problem, Message(diagnostic), StringComparison.Ordinal);
        Assert.Equal(attribute, Text(diagnostic, source));
    }

    [Theory]
    [InlineData("Temperature = 0")]
    [InlineData("Temperature = 2")]
    [InlineData("MaxOutputTokens = 400")]
    public void PG0205_is_not_reported_for_valid_settings(string setting)
    {
        var source = ModelHarness.Interface($$"""[Prompt("x {a}")] [Model("openai/gpt-4o", {{setting}})] Task<string> XAsync(string a, CancellationToken cancellationToken = default);""");

        Assert.Empty(ModelHarness.Client(source).Diagnostics);
    }

    [Theory]
    [InlineData("Prompt(\"\")", "[Prompt]")]
    [InlineData("Prompt(\"   \")", "[Prompt]")]
    [InlineData("SystemPrompt(\"\")", "[SystemPrompt]")]
    public void PG0102_an_empty_template_is_an_error(string attribute, string kind)
    {
        var prompt = attribute.StartsWith("Prompt", StringComparison.Ordinal) ? attribute : "Prompt(\"x\")";
        var system = attribute.StartsWith("System", StringComparison.Ordinal) ? "[" + attribute + "] " : string.Empty;
        var source = ModelHarness.Interface($"{system}[{prompt}] Task<string> XAsync(CancellationToken cancellationToken = default);");
        var result = ModelHarness.Client(source);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0102");
        Assert.Contains($"The {kind} template of 'Demo.IDemo.XAsync' is malformed at offset 0: the template is empty", Message(diagnostic), StringComparison.Ordinal);
        Assert.Equal(attribute[(attribute.IndexOf('(', StringComparison.Ordinal) + 1)..^1], Text(diagnostic, source));
    }

    [Theory]
    [InlineData("CancellationToken a, CancellationToken b", "CancellationToken", "b")]
    [InlineData("PromptCallOptions? first, PromptCallOptions? second, CancellationToken cancellationToken = default", "PromptCallOptions", "second")]
    public void PG0006_a_second_token_or_options_parameter_would_be_ignored(string parameters, string type, string name)
    {
        var source = ModelHarness.Interface($$"""[Prompt("x")] Task<string> XAsync({{parameters}});""");
        var result = ModelHarness.Client(source);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PG0006");
        Assert.Contains($"Method 'Demo.IDemo.XAsync' takes a second {type} parameter '{name}'", Message(diagnostic), StringComparison.Ordinal);
        Assert.Equal(name, Text(diagnostic, source));
    }

    private static string Message(DiagnosticInfo diagnostic) => diagnostic.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    private static string Text(DiagnosticInfo diagnostic, string source)
    {
        Assert.NotNull(diagnostic.Location);
        return source.Substring(diagnostic.Location.Start, diagnostic.Location.Length);
    }
}
