using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PromptGen.Validation;

namespace PromptGen.Tests.Validation;

public partial class RuleTests
{
    private static readonly string s_huge = string.Concat(Enumerable.Repeat("lorem ipsum dolor ", 100_000));

    [Theory]
    [InlineData("hello", true)]
    [InlineData("", false)]
    [InlineData("  \n\t ", false)]
    [InlineData("\u00a0\u2003", false)]
    [InlineData("🙂", true)]
    public async Task Not_empty(string text, bool valid) => Assert.Equal(valid, (await Run(new NotEmptyRule(), text)).IsValid);

    [Theory]
    [InlineData("The sky is Blue today", "blue", true, true)]
    [InlineData("The sky is Blue today", "blue", false, false)]
    [InlineData("Ünïcödé straße", "STRASSE", true, false)]
    [InlineData("Ünïcödé straße", "ünïcödé", true, true)]
    [InlineData("", "x", true, false)]
    public async Task Contains(string text, string needle, bool ignoreCase, bool valid)
    {
        Assert.Equal(valid, (await Run(new ContainsRule(needle, ignoreCase), text)).IsValid);
        Assert.Equal(!valid, (await Run(new DoesNotContainRule(needle, ignoreCase), text)).IsValid);
    }

    [Fact]
    public async Task Contains_on_huge_input_and_empty_needle_is_rejected()
    {
        Assert.True((await Run(new ContainsRule("dolor"), s_huge)).IsValid);
        Assert.False((await Run(new ContainsRule("absent"), s_huge)).IsValid);
        Assert.Throws<ArgumentException>(() => new ContainsRule(string.Empty));
    }

    [Fact]
    public async Task Failures_carry_actionable_messages_and_the_custom_message_wins()
    {
        var result = await Run(new ContainsRule("Paris"), "London");
        Assert.Equal("The answer must contain \"Paris\".", Assert.Single(result.Errors));

        var custom = await Run(new ContainsRule("Paris") { Message = "Name the capital." }, "London");
        Assert.Equal("Name the capital.", Assert.Single(custom.Errors));
    }

    [Theory]
    [InlineData("jane.doe@example.com", true)]
    [InlineData("  jane@example.org\n", true)]
    [InlineData("My email is jane@example.com", false)]
    [InlineData("", false)]
    public async Task Generated_and_runtime_patterns(string text, bool valid)
    {
        Assert.Equal(valid, (await Run(new PatternRule(Email()), text)).IsValid);
        Assert.Equal(valid, (await Run(PatternRule.Create(EmailPattern), text)).IsValid);
    }

    [Fact]
    public async Task A_catastrophic_pattern_times_out_into_a_failure_not_a_hang()
    {
        var rule = new PatternRule(new Regex("^(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(10)));

        var result = await Run(rule, new string('a', 5000) + "!");

        Assert.Contains("in time", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("one two three", 3, 3, LengthUnit.Words, true)]
    [InlineData("one two three", 4, 10, LengthUnit.Words, false)]
    [InlineData("a\n\n b \n c", 3, 3, LengthUnit.Lines, true)]
    [InlineData("  abc  ", 3, 3, LengthUnit.Characters, true)]
    [InlineData("👩‍👩‍👧é", 2, 2, LengthUnit.Characters, true)]
    [InlineData("", 1, 5, LengthUnit.Characters, false)]
    [InlineData("", 0, 0, LengthUnit.Words, true)]
    public async Task Length(string text, int min, int max, LengthUnit unit, bool valid) =>
        Assert.Equal(valid, (await Run(new LengthRule(min, max, unit), text)).IsValid);

    [Fact]
    public async Task Length_messages_say_which_way_to_go_and_bounds_are_checked()
    {
        Assert.Contains("at most 5", Assert.Single((await Run(new LengthRule(0, 5), "far too long")).Errors), StringComparison.Ordinal);
        Assert.Contains("at least 50", Assert.Single((await Run(new LengthRule(50, int.MaxValue), "short")).Errors), StringComparison.Ordinal);
        Assert.True((await Run(new LengthRule(0, int.MaxValue, LengthUnit.Words), s_huge)).IsValid);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LengthRule(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LengthRule(-1, 4));
    }

    [Theory]
    [InlineData("  Answer: 42", "Answer:", false, true)]
    [InlineData("answer: 42", "Answer:", false, false)]
    [InlineData("answer: 42", "Answer:", true, true)]
    public async Task Starts_with(string text, string prefix, bool ignoreCase, bool valid) =>
        Assert.Equal(valid, (await Run(new StartsWithRule(prefix, ignoreCase), text)).IsValid);

    [Theory]
    [InlineData("Done. END \n", "END", true)]
    [InlineData("END then more", "END", false)]
    public async Task Ends_with(string text, string suffix, bool valid) =>
        Assert.Equal(valid, (await Run(new EndsWithRule(suffix), text)).IsValid);

    [Theory]
    [InlineData("positive", true)]
    [InlineData(" Negative.\n", true)]
    [InlineData("mostly positive", false)]
    [InlineData("", false)]
    public async Task One_of(string text, bool valid) =>
        Assert.Equal(valid, (await Run(new OneOfRule(["positive", "negative", "neutral"]), text)).IsValid);

    [Fact]
    public async Task Keywords_from_a_corpus_file()
    {
        var rule = new KeywordsFromFileRule("Validation/keywords.txt", 2);

        Assert.Equal(["sunny", "rain", "Aurora", "fog"], rule.Keywords);
        Assert.True((await Run(rule, "A SUNNY day, then rain.")).IsValid);
        Assert.Contains("at least 2", Assert.Single((await Run(rule, "sunny only")).Errors), StringComparison.Ordinal);
        var missing = new KeywordsFromFileRule("Validation/nope.txt", 1);
        var error = await Assert.ThrowsAsync<PromptConfigurationException>(() => Run(missing, "x").AsTask());
        Assert.Contains("nope.txt", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\": [1, 2]}", true)]
    [InlineData("```json\n{\"a\": 1}\n```", true)]
    [InlineData("{\"a\": }", false)]
    [InlineData("   ", false)]
    public async Task Json_code_syntax(string text, bool valid) =>
        Assert.Equal(valid, (await Run(new CodeSyntaxRule(CodeLanguage.Json), text)).IsValid);

    [Fact]
    public async Task CSharp_code_syntax_without_a_checker_is_a_configuration_error()
    {
        var error = await Assert.ThrowsAsync<PromptConfigurationException>(() => Run(new CodeSyntaxRule(CodeLanguage.CSharp), "class C {}").AsTask());
        Assert.Contains("PromptGen.Validation.CSharp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Required_and_forbidden_fields()
    {
        const string Json = """{"user":{"name":"Ann","debug":null},"items":[{"id":1}]}""";
        Assert.True((await Run(new RequiredFieldRule("user.name"), Json)).IsValid);
        Assert.True((await Run(new RequiredFieldRule("items[0].id") { ExpectedValue = JsonDocument.Parse("1").RootElement }, Json)).IsValid);
        Assert.False((await Run(new RequiredFieldRule("items[0].id") { ExpectedValue = JsonDocument.Parse("2").RootElement }, Json)).IsValid);
        Assert.Contains("'user.age'", Assert.Single((await Run(new RequiredFieldRule("user.age"), Json)).Errors), StringComparison.Ordinal);
        Assert.Contains("not JSON", Assert.Single((await Run(new RequiredFieldRule("user"), "no json")).Errors), StringComparison.Ordinal);
        Assert.True((await Run(new ForbiddenFieldRule("user.debug"), Json)).IsValid);
        Assert.False((await Run(new ForbiddenFieldRule("items[0].id"), Json)).IsValid);
        Assert.Throws<ArgumentException>(() => new RequiredFieldRule("a..b"));
    }

    [Fact]
    public async Task Custom_validators_come_from_dependency_injection()
    {
        using var services = new ServiceCollection().AddSingleton<NoShouting>().BuildServiceProvider();
        var rule = new CustomRule(typeof(NoShouting));

        Assert.True((await rule.ValidateAsync(new ValidationContext("calm") { Services = services }, default)).IsValid);
        Assert.Equal("Do not shout.", Assert.Single((await rule.ValidateAsync(new ValidationContext("LOUD") { Services = services }, default)).Errors));
        await Assert.ThrowsAsync<PromptConfigurationException>(() => rule.ValidateAsync(new ValidationContext("x"), default).AsTask());
    }

    [Fact]
    public async Task Stages_run_in_order_and_a_failing_stage_stops_the_later_ones()
    {
        var spy = new Spy();
        ResponseRule[] rules = [new ContainsRule("x"), new JsonRule(), new CustomRule(typeof(Spy), ValidationStage.Judge)];
        using var services = new ServiceCollection().AddSingleton(spy).BuildServiceProvider();

        var structural = await ResponseValidation.ValidateAsync(rules, new ValidationContext("not json") { Services = services }, default);
        Assert.Contains("no JSON", Assert.Single(structural.Errors), StringComparison.Ordinal);

        var content = await ResponseValidation.ValidateAsync([.. rules, new ContainsRule("y")], new ValidationContext("{\"a\":1}") { Services = services }, default);
        Assert.Equal(2, content.Errors.Count);
        Assert.Equal(0, spy.Calls);

        Assert.True((await ResponseValidation.ValidateAsync(rules, new ValidationContext("{\"x\":1}") { Services = services }, default)).IsValid);
        Assert.Equal(1, spy.Calls);
    }

    private static ValueTask<ValidationResult> Run(IResponseValidator rule, string text) => rule.ValidateAsync(new ValidationContext(text), default);

    private const string EmailPattern = "^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$";

    [GeneratedRegex(EmailPattern, RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Email();

    private sealed class NoShouting : IResponseValidator
    {
        public ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(context.Text.Any(char.IsLower) ? ValidationResult.Valid : ValidationResult.Fail("Do not shout."));
    }

    private sealed class Spy : IResponseValidator
    {
        public int Calls { get; private set; }

        public ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult(ValidationResult.Valid);
        }
    }
}
