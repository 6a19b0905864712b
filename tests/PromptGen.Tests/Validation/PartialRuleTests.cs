using System.Buffers;
using System.Text.Json;
using PromptGen.Validation;

namespace PromptGen.Tests.Validation;

/// <summary>
/// Rules on an answer still being written: each prefix of an answer is read as a stream update is, and a rule may only
/// decide what the rest of the answer cannot change (a decided failure on a prefix is a failure on the whole answer).
/// </summary>
public class PartialRuleTests
{
    private const string Schema = """
        {"type":"object","properties":{"title":{"type":"string"},"items":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"price":{"type":"number"},"secret":{"type":"string"}},"required":["name"]}}},"required":["title","items"]}
        """;

    [Theory]
    [InlineData("""{"title": "A", "items": [{"name": "x", "price": 1}, {"name": "y"}, {"name": "z", "price": 3}]}""", "items[1].price", "{\"name\": \"y\"}")]
    [InlineData("""{"items": [{"name": "x"}], "title": "late"}""", "subtitle", "\"late\"}")]
    public void Required_field_fails_only_once_a_complete_container_lacks_it(string answer, string path, string decidedAfter) =>
        CheckPrefixes(answer, new RequiredFieldRule(path), answer.IndexOf(decidedAfter, StringComparison.Ordinal) + decidedAfter.Length);

    [Fact]
    public void Required_field_that_arrives_never_fails_on_any_prefix() =>
        CheckPrefixes("""{"title": "A", "items": [{"name": "x"}, {"name": "y", "price": 2.5}]}""", new RequiredFieldRule("items[1].price"), int.MaxValue);

    [Fact]
    public void Forbidden_field_fails_once_its_value_is_complete() =>
        CheckPrefixes("""{"title": "A", "items": [{"name": "x"}, {"name": "y", "secret": "s3"}, {"name": "z"}]}""", new ForbiddenFieldRule("items[1].secret"), """{"title": "A", "items": [{"name": "x"}, {"name": "y", "secret": "s3" """.Length);

    [Fact]
    public void Does_not_contain_finds_the_text_across_chunk_boundaries() =>
        CheckPrefixes("""{"title": "Peanut butter", "items": []}""", new DoesNotContainRule("peanut"), """{"title": "Peanut""".Length);

    [Fact]
    public void Rules_that_need_the_whole_answer_never_decide_mid_stream()
    {
        var answer = """{"title": "A", "items": []}""";
        foreach (var rule in new ResponseRule[] { new ContainsRule("zzz"), new LengthRule(1000, 2000), new PatternRule(new System.Text.RegularExpressions.Regex("^x")) })
        {
            CheckPrefixes(answer, rule, int.MaxValue);
        }
    }

    /// <summary>
    /// Feeds the answer one character at a time (every prefix is a chunk boundary) and checks that the rule decides a
    /// failure exactly from <paramref name="decidedAt"/> characters on (never before), and that a rule that never
    /// decides mid-stream leaves it to the whole answer.
    /// </summary>
    private static void CheckPrefixes(string answer, ResponseRule rule, int decidedAt)
    {
        var parser = new PartialJsonParser(JsonDocument.Parse(Schema).RootElement.Clone());
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        var checkedLength = 0;
        for (var i = 0; i < answer.Length; i++)
        {
            parser.Append(answer.AsSpan(i, 1));
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            var (hasValue, complete, errors) = parser.ReadInto(writer);
            Assert.Empty(errors);
            using var partial = new PartialAnswer(parser.TextMemory, hasValue ? buffer.WrittenMemory : default, complete, checkedLength);
            var error = rule.PartialError(partial);
            checkedLength = i + 1;
            if (i + 1 < decidedAt)
            {
                Assert.True(error is null, $"{rule.GetType().Name} decided after {i + 1} characters ('{answer[..(i + 1)]}'), before {decidedAt}: {error}");
            }
            else
            {
                Assert.True(error is not null, $"{rule.GetType().Name} did not decide after {i + 1} characters ('{answer[..(i + 1)]}')");
                break;
            }
        }

        // Whatever was decided on a prefix, the whole answer agrees.
        var whole = rule.ValidateAsync(new ValidationContext(answer, JsonDocument.Parse(Schema).RootElement.Clone()), CancellationToken.None).AsTask().Result;
        Assert.Equal(decidedAt != int.MaxValue || rule is ContainsRule or LengthRule or PatternRule, !whole.IsValid);
    }
}
