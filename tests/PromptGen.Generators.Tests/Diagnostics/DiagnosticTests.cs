using Microsoft.CodeAnalysis;
using PromptGen.Generators.Diagnostics;
using PromptGen.Generators.Models;

namespace PromptGen.Generators.Tests.Diagnostics;

public class DiagnosticTests
{
    [Fact]
    public void PG0001_non_partial_interface()
    {
        var result = ModelHarness.Client(ModelHarness.Interface("""[Prompt("x")] Task<string> XAsync();""").Replace("partial interface", "interface", StringComparison.Ordinal));

        var diagnostic = Single(result, "PG0001");
        Assert.Null(result.Model);
        Assert.Contains("'IDemo' is marked [PromptClient] but is not partial", Message(diagnostic), StringComparison.Ordinal);
        Assert.Equal("IDemo", Text(result, diagnostic, ModelHarness.Interface("""[Prompt("x")] Task<string> XAsync();""").Replace("partial interface", "interface", StringComparison.Ordinal)));
    }

    [Fact]
    public void PG0001_on_a_class()
    {
        var (_, run) = GeneratorHarness.Run("""
            namespace Demo;
            [PromptGen.PromptClient] public partial class NotAnInterface { }
            """, withJson: false);

        var diagnostic = Assert.Single(GeneratorHarness.GeneratorDiagnostics(run), d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("PG0001", diagnostic.Id);
        Assert.Contains("but is a class", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.GeneratedSources(run));
    }

    [Fact]
    public void PG0002_method_without_prompt_is_stubbed_so_only_the_diagnostic_shows()
    {
        var source = ModelHarness.Interface("""Task<string> XAsync(string a);""");
        var (output, run) = GeneratorHarness.Run(source, withJson: false);

        var diagnostic = Assert.Single(GeneratorHarness.GeneratorDiagnostics(run), d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("PG0002", diagnostic.Id);
        Assert.Contains("add [Prompt(\"...\")]", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("XAsync", Span(source, diagnostic));
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        Assert.Contains("NotSupportedException", GeneratorHarness.GeneratedSources(run)["Demo.Demo.g.cs"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Task<int>", "wrap a single value in a record")]
    [InlineData("Task", "")]
    [InlineData("void", "asynchronous")]
    [InlineData("string", "")]
    [InlineData("IAsyncEnumerable<int>", "item type must be string")]
    [InlineData("Task<List<string>>", "JSON object at the root")]
    [InlineData("Task<System.Guid>", "wrap a single value")]
    public void PG0003_unsupported_return_types(string returnType, string reason)
    {
        var source = ModelHarness.Interface($$"""[Prompt("x")] {{returnType}} XAsync();""");
        var result = ModelHarness.Client(source);

        var diagnostic = Single(result, "PG0003");
        Assert.Contains(reason, Message(diagnostic), StringComparison.Ordinal);
        Assert.Equal(returnType, Text(result, diagnostic, source));
    }

    [Theory]
    [InlineData("IAsyncEnumerable<Answer>")]
    [InlineData("IAsyncEnumerable<PromptResult<Answer>>")]
    [InlineData("Task<PromptPartial<Answer>>")]
    [InlineData("ValueTask<PromptPartial<Answer>>")]
    public void PG0630_a_typed_stream_is_a_stream_of_partials(string returnType)
    {
        var source = ModelHarness.Interface($$"""[Prompt("x")] {{returnType}} XAsync(CancellationToken cancellationToken);""", extra: "public sealed record Answer(string Title);");
        var result = ModelHarness.Client(source);

        var diagnostic = Single(result, "PG0630");
        Assert.Contains("return 'IAsyncEnumerable<PromptPartial<Demo.Answer>>'", Message(diagnostic), StringComparison.Ordinal);
        Assert.Equal(returnType, Text(result, diagnostic, source));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "PG0003");
    }

    [Theory]
    [InlineData("IAsyncEnumerable<PromptPartial<string>>", "streams as IAsyncEnumerable<string>")]
    [InlineData("IAsyncEnumerable<PromptPartial<int>>", "wrap a single value in a record")]
    public void PG0003_a_partial_stream_of_something_other_than_an_object(string returnType, string reason)
    {
        var source = ModelHarness.Interface($$"""[Prompt("x")] {{returnType}} XAsync(CancellationToken cancellationToken);""");
        var diagnostic = Single(ModelHarness.Client(source), "PG0003");

        Assert.Contains(reason, Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[Prompt("x")] Task<string> XAsync<T>();""", "generic prompt methods")]
    [InlineData("""[Prompt("x {a}")] Task<string> XAsync(ref int a);""", "passed by reference")]
    [InlineData("""string Name { get; }""", "declare methods only")]
    public void PG0004_unsupported_members(string member, string reason)
    {
        var diagnostic = Single(ModelHarness.Client(ModelHarness.Interface(member)), "PG0004");

        Assert.Contains(reason, Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void PG0101_unknown_placeholder_points_at_the_exact_name()
    {
        var source = ModelHarness.Interface("""[Prompt("Hello {nmae}, you are {age:D}")] Task<string> XAsync(string name, int age);""");
        var result = ModelHarness.Client(source);

        var diagnostic = Single(result, "PG0101");
        Assert.Equal("nmae", Text(result, diagnostic, source));
        Assert.Equal("The [Prompt] template of 'Demo.IDemo.XAsync' uses placeholder '{nmae}', but the method has no parameter named 'nmae'; rename the placeholder to one of: {name}, {age}, or write '{{' for a literal brace", Message(diagnostic));
        // A broken template is reported once; the unused-parameter warning waits until the template parses.
        Assert.DoesNotContain(result.Diagnostics, d => d.Id != "PG0101");
    }

    [Fact]
    public void PG0101_in_verbatim_raw_and_escaped_literals_is_exact_and_a_constant_expression_falls_back_to_the_argument()
    {
        foreach (var literal in new[] { "@\"x {nope}\"", "\"\"\"x {nope}\"\"\"" })
        {
            var source = ModelHarness.Interface($$"""[Prompt({{literal}})] Task<string> XAsync();""");
            var result = ModelHarness.Client(source);
            Assert.Equal("nope", Text(result, Single(result, "PG0101"), source));
        }

        var escaped = ModelHarness.Interface("""[Prompt("tab\t{nope}")] Task<string> XAsync();""");
        var exact = ModelHarness.Client(escaped);
        Assert.Equal("nope", Text(exact, Single(exact, "PG0101"), escaped));

        var concatenated = ModelHarness.Interface("""[Prompt("tab " + "{nope}")] Task<string> XAsync();""");
        var fallback = ModelHarness.Client(concatenated);
        Assert.Equal("\"tab \" + \"{nope}\"", Text(fallback, Single(fallback, "PG0101"), concatenated));
    }

    [Fact]
    public void PG0102_malformed_template_points_at_the_brace()
    {
        var source = ModelHarness.Interface("""[Prompt("Hello {name")] Task<string> XAsync(string name);""");
        var result = ModelHarness.Client(source);

        var diagnostic = Single(result, "PG0102");
        Assert.Equal("{", Text(result, diagnostic, source));
        Assert.Contains("at offset 6: a '{' is never closed", Message(diagnostic), StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(result.Model!.Methods).Error);
    }

    [Fact]
    public void PG0103_unused_parameter_is_a_warning_on_the_parameter_and_ignores_cancellation_tokens()
    {
        var source = ModelHarness.Interface("""[Prompt("Hi {used}")] Task<string> XAsync(string used, string unused, CancellationToken ct = default);""");
        var result = ModelHarness.Client(source);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PG0103", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, DiagnosticDescriptors.ById("PG0103").DefaultSeverity);
        Assert.Equal("unused", Text(result, diagnostic, source));
        Assert.Null(Assert.Single(result.Model!.Methods).Error);
    }

    [Fact]
    public void PG0103_counts_system_prompt_use()
    {
        var result = ModelHarness.Client(ModelHarness.Interface("""[SystemPrompt("Speak as {persona}")] [Prompt("Hi {name}")] Task<string> XAsync(string name, string persona);"""));

        Assert.Empty(ModelHarness.Problems(result));
    }

    [Fact]
    public void PG0104_missing_template_file_and_PG0101_inside_a_file_points_into_the_file()
    {
        var missing = ModelHarness.Client(ModelHarness.Interface("""[Prompt(File = "prompts/none.prompt.md")] Task<string> XAsync();"""));
        Assert.Contains("<AdditionalFiles Include=\"prompts/none.prompt.md\" />", Message(Single(missing, "PG0104")), StringComparison.Ordinal);

        var inFile = ModelHarness.Client(
            ModelHarness.Interface("""[Prompt(File = "p/x.prompt.md")] Task<string> XAsync(string a);"""),
            GeneratorHarness.File("/repo/p/x.prompt.md", "line one {a}\nline two {b}"));
        var diagnostic = Single(inFile, "PG0101");
        Assert.Equal(("/repo/p/x.prompt.md", 1, 10), (diagnostic.Location!.FilePath, diagnostic.Location.StartLine, diagnostic.Location.StartCharacter));
    }

    [Fact]
    public void PG0105_format_on_a_value_that_is_not_formattable()
    {
        var source = ModelHarness.Interface("""[Prompt("Is {flag:N2}")] Task<string> XAsync(bool flag);""");
        var result = ModelHarness.Client(source);

        var diagnostic = Single(result, "PG0105");
        Assert.Equal("flag:N2", Text(result, diagnostic, source));
        Assert.Contains("type 'bool' is not IFormattable", Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[Prompt] Task<string> XAsync();""", "has neither a template nor a File")]
    [InlineData("""[Prompt("x", File = "a.md")] Task<string> XAsync();""", "has both a template and a File")]
    public void PG0106_template_inline_or_file(string member, string problem) =>
        Assert.Contains(problem, Message(Single(ModelHarness.Client(ModelHarness.Interface(member)), "PG0106")), StringComparison.Ordinal);

    [Fact]
    public void PG0201_malformed_model_ids_on_client_interface_method_and_fallbacks()
    {
        var source = ModelHarness.Interface(
            """[Prompt("x")] [Model("openai/", Fallbacks = ["runpod/llama"])] Task<string> XAsync();""",
            """[PromptClient(Model = "bad id")]""");
        var result = ModelHarness.Client(source);

        var messages = result.Diagnostics.Where(d => d.Id == "PG0201").Select(Message).ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, m => m.Contains("[PromptClient(Model)]: the model id 'bad id' contains whitespace", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("names no model after 'openai/'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("[Model(Fallbacks)]: the RunPod model id 'runpod/llama'", StringComparison.Ordinal));
        Assert.Equal("\"bad id\"", Text(result, result.Diagnostics.First(d => d.Id == "PG0201"), source));
    }

    [Fact]
    public void PG0202_no_json_context_gives_the_code_to_paste()
    {
        var source = ModelHarness.Interface("""[Prompt("x")] Task<Answer> XAsync(CancellationToken cancellationToken);""", extra: "public sealed record Answer(string Text);");
        var (output, run) = GeneratorHarness.Run(source, withJson: false);

        var diagnostic = Assert.Single(GeneratorHarness.GeneratorDiagnostics(run), d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("PG0202", diagnostic.Id);
        Assert.Contains("[global::System.Text.Json.Serialization.JsonSerializable(typeof(Demo.Answer))] internal sealed partial class DemoJsonContext : global::System.Text.Json.Serialization.JsonSerializerContext;", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
    }

    [Fact]
    public void PG0203_fallback_repeating_the_primary_or_an_earlier_fallback()
    {
        var result = ModelHarness.Client(ModelHarness.Interface(
            """[Prompt("x")] [Model("openai/gpt-4o-mini", Fallbacks = ["OpenAI/gpt-4o-mini", "anthropic/claude-haiku-4-5", "anthropic/claude-haiku-4-5"])] Task<string> XAsync(CancellationToken cancellationToken);"""));

        var repeated = result.Diagnostics.Where(d => d.Id == "PG0203").Select(Message).ToList();
        Assert.Equal(2, repeated.Count);
        Assert.Contains("fallback 'OpenAI/gpt-4o-mini' is already earlier in the chain (openai/gpt-4o-mini)", repeated[0], StringComparison.Ordinal);
        Assert.Contains("(openai/gpt-4o-mini -> anthropic/claude-haiku-4-5)", repeated[1], StringComparison.Ordinal);
    }

    [Fact]
    public void PG0005_is_a_warning_on_the_method_name_without_a_cancellation_token()
    {
        var source = ModelHarness.Interface("""[Prompt("x")] Task<string> XAsync();""");
        var result = ModelHarness.Client(source);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("PG0005", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.ToDiagnostic().Severity);
        Assert.Equal("XAsync", Text(result, warning, source));
        Assert.NotNull(result.Model);
    }

    [Theory]
    [InlineData("[Retry(MaxRetries = -1)]", "PG0501", "MaxRetries is -1; use 0 (no retries) to 20")]
    [InlineData("[Retry(BaseDelaySeconds = 10, MaxDelaySeconds = 2)]", "PG0501", "MaxDelaySeconds (2) is below BaseDelaySeconds (10)")]
    [InlineData("[Timeout]", "PG0502", "sets none of AttemptSeconds, TotalSeconds, FirstTokenSeconds and IdleSeconds")]
    [InlineData("[Timeout(AttemptSeconds = 60, TotalSeconds = 30)]", "PG0502", "AttemptSeconds (60) exceeds TotalSeconds (30)")]
    [InlineData("[CircuitBreaker(FailureRatio = 1.5)]", "PG0503", "FailureRatio is 1.5; use a value above 0 and at most 1")]
    [InlineData("[CircuitBreaker(MinimumThroughput = 1)]", "PG0503", "MinimumThroughput is 1; use 2 or more")]
    [InlineData("[Escalate(SwitchModelAfter = 2)]", "PG0504", "no StrongerModel is named")]
    [InlineData("[Escalate(StrongerModel = \"openai/gpt-5\")]", "PG0504", "never used because SwitchModelAfter is 0")]
    [InlineData("[Escalate(StrongerModel = \"openai/gpt-5\", SwitchModelAfter = 3, AskHumanAfter = 2)]", "PG0504", "AskHumanAfter (2) comes before SwitchModelAfter (3)")]
    [InlineData("[Escalate(StrongerModel = \"openai/gpt 5\", SwitchModelAfter = 1)]", "PG0201", "contains whitespace")]
    [InlineData("[Cache]", "PG0700", "it sets no duration; set Minutes or Seconds (for example [Cache(Minutes = 10)])")]
    [InlineData("[Cache(Minutes = -5)]", "PG0700", "a duration is negative")]
    public void PG05xx_resilience_settings_are_checked_at_build_time(string attribute, string id, string problem)
    {
        var source = ModelHarness.Interface($$"""[Prompt("x")] {{attribute}} Task<string> XAsync(CancellationToken cancellationToken);""");
        var result = ModelHarness.Client(source);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(problem, Message(diagnostic), StringComparison.Ordinal);
        Assert.StartsWith(attribute.TrimStart('[').Split('(', ']')[0], Text(result, diagnostic, source), StringComparison.Ordinal);
    }

    [Fact]
    public void Cache_on_the_interface_applies_to_every_method_and_a_method_replaces_it()
    {
        var spec = ModelHarness.Spec(ModelHarness.Interface(
            """
            [Prompt("a")] [Cache(Seconds = 30)] Task<string> AAsync(CancellationToken cancellationToken);
            [Prompt("b")] Task<string> BAsync(CancellationToken cancellationToken);
            """,
            attributes: "[PromptClient] [Cache(Minutes = 10)]"));

        Assert.Equal(30, spec.Methods[0].Resilience.Cache!.TotalSeconds);
        Assert.Equal(600, spec.Methods[1].Resilience.Cache!.TotalSeconds);
    }

    [Fact]
    public void Method_resilience_attributes_replace_the_interfaces_per_kind()
    {
        var spec = ModelHarness.Spec(ModelHarness.Interface(
            """
            [Prompt("a")] [Retry(MaxRetries = 5)] Task<string> AAsync(CancellationToken cancellationToken);
            [Prompt("b")] Task<string> BAsync(CancellationToken cancellationToken);
            """,
            attributes: "[PromptClient] [Retry(MaxRetries = 1)] [Timeout(TotalSeconds = 20)]"));

        Assert.Equal(5, spec.Methods[0].Resilience.Retry!.MaxRetries);
        Assert.Equal(1, spec.Methods[1].Resilience.Retry!.MaxRetries);
        Assert.All(spec.Methods, m => Assert.Equal(20, m.Resilience.Timeout!.TotalSeconds));
        Assert.All(spec.Methods, m => Assert.Null(m.Resilience.Breaker));
        Assert.All(spec.Methods, m => Assert.Null(m.Resilience.Cache));
    }

    [Theory]
    [InlineData("[MatchesPattern(\"(unclosed\")]", "PG0301", "does not compile")]
    [InlineData("[ContainsKeywordsFrom(\"data/words.txt\")]", "PG0302", "not an AdditionalFiles item")]
    [InlineData("[LengthBetween(10, 5)]", "PG0304", "the bounds 10..5 admit no length")]
    [InlineData("[OneOf]", "PG0304", "lists no values")]
    [InlineData("[Contains(\"\")]", "PG0304", "its text is empty")]
    [InlineData("[ValidateWith(typeof(string))]", "PG0305", "'string', which does not implement PromptGen.Validation.IResponseValidator")]
    [InlineData("[Judge(\"Is it polite?\")]", "PG0306", "names no Model")]
    [InlineData("[Judge(\"Is it polite?\", Model = \"openai/gpt 4o\")]", "PG0201", "contains whitespace")]
    [InlineData("[Reask(MaxReasks = 50)]", "PG0304", "MaxReasks is 50")]
    public void PG03xx_rules_are_checked_at_build_time(string attribute, string id, string problem)
    {
        var result = ModelHarness.Client(ModelHarness.Interface($$"""[Prompt("x")] {{attribute}} Task<string> XAsync(CancellationToken cancellationToken);"""));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(problem, Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stops[0]", null)]
    [InlineData("city", null)]
    [InlineData("Note", null)]
    [InlineData("stops.name", "'stops.name'")]
    [InlineData("town", "'town' is not a property there (properties: city, stops, note)")]
    [InlineData("city[0]", "'city[0]' indexes a value that is not an array")]
    public void PG0303_field_paths_are_checked_against_the_result_type(string path, string? problem)
    {
        var result = ModelHarness.Client(ModelHarness.Interface(
            $$"""[Prompt("x")] [RequiredField("{{path}}")] Task<Trip> XAsync(CancellationToken cancellationToken);""",
            extra: "public sealed record Trip(string City, string[] Stops, string? Note); [JsonSerializable(typeof(Trip))] [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)] internal sealed partial class TripJson : JsonSerializerContext;"));

        var found = result.Diagnostics.Where(d => d.Id == "PG0303").Select(Message).ToList();
        if (problem is null)
        {
            Assert.Empty(found);
        }
        else if (path == "stops.name")
        {
            Assert.Contains("not a property there (properties: none: it is not an object)", Assert.Single(found), StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(problem, Assert.Single(found), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""[Prompt("Look at {photo:png}")]""", "an image takes no format")]
    [InlineData("""[Prompt("Look")] [SystemPrompt("Use {photo}")]""", "a system prompt is text only")]
    public void PG0401_image_placeholders_only_in_the_prompt_and_without_format(string attributes, string problem)
    {
        var result = ModelHarness.Client(ModelHarness.Interface($$"""{{attributes}} Task<string> XAsync(PromptImage photo, CancellationToken cancellationToken);"""));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PG0401", diagnostic.Id);
        Assert.Contains(problem, Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini", "groq/llama-3.1-8b-instant", "groq/llama-3.1-8b-instant", "only the Llama 4 models")]
    [InlineData("ollama/llama3.2:3b", "openai/gpt-4o-mini", "ollama/llama3.2:3b", "its vision variants have their own names")]
    [InlineData("openai/gpt-3.5-turbo@http://localhost:8000/v1", "anthropic/claude-haiku-4-5", "openai/gpt-3.5-turbo@http://localhost:8000/v1", "OpenAI documents no image input")]
    public void PG0402_images_on_a_route_known_to_take_text_only(string primary, string fallback, string textOnly, string why)
    {
        var result = ModelHarness.Client(ModelHarness.Interface(
            $$"""[Prompt("Describe {photo}")] [Model("{{primary}}", Fallbacks = ["{{fallback}}"])] Task<string> XAsync(IReadOnlyList<PromptImage> photo, CancellationToken cancellationToken);"""));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PG0402", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.ToDiagnostic().Severity);
        Assert.Contains($"takes image parameter 'photo', but its route '{textOnly}' is a text-only model", Message(diagnostic), StringComparison.Ordinal);
        Assert.Contains(why, Message(diagnostic), StringComparison.Ordinal);
        Assert.NotNull(result.Model);
    }

    [Theory]
    [InlineData("ollama/llama3.2-vision")]
    [InlineData("ollama/qwen2.5vl:7b")]
    [InlineData("groq/meta-llama/llama-4-scout-17b-16e-instruct")]
    [InlineData("openai/gpt-4o")]
    [InlineData("openai/gpt-4-turbo")]
    [InlineData("max/sonnet")]
    [InlineData("vision")]
    public void PG0402_is_silent_for_vision_models_aliases_and_text_methods(string model)
    {
        var images = ModelHarness.Client(ModelHarness.Interface(
            $$"""[Prompt("Describe {photo}")] [Model("{{model}}")] Task<string> XAsync(PromptImage photo, CancellationToken cancellationToken);"""));
        var text = ModelHarness.Client(ModelHarness.Interface(
            """[Prompt("Hello {name}")] [Model("groq/llama-3.1-8b-instant")] Task<string> XAsync(string name, CancellationToken cancellationToken);"""));

        Assert.Empty(images.Diagnostics);
        Assert.Empty(text.Diagnostics);
    }

    [Fact]
    public void Every_descriptor_has_a_help_page_and_a_release_entry()
    {
        var root = RepoRoot();
        var unshipped = File.ReadAllText(Path.Combine(root, "generators", "PromptGen.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Equal($"docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(root, "docs", "diagnostics", descriptor.Id + ".md")), descriptor.Id + " has no help page");
            Assert.Contains(descriptor.Id + " |", unshipped, StringComparison.Ordinal);
        }
    }

    internal static string RepoRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "PromptGen.sln")))
        {
            directory = Path.GetDirectoryName(directory)!;
        }

        return directory;
    }

    private static DiagnosticInfo Single(Result<ClientSpec> result, string id) => Assert.Single(result.Diagnostics, d => d.Id == id);

    private static string Message(DiagnosticInfo diagnostic) => diagnostic.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    private static string Text(Result<ClientSpec> result, DiagnosticInfo diagnostic, string source)
    {
        _ = result;
        Assert.NotNull(diagnostic.Location);
        return source.Substring(diagnostic.Location.Start, diagnostic.Location.Length);
    }

    private static string Span(string source, Diagnostic diagnostic) => source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);
}
