using System.Text.Json;
using CsCheck;
using PromptGen.Validation;

namespace PromptGen.Tests.Validation;

/// <summary>Extraction and path evaluation are total: no input makes them throw.</summary>
public class PropertyTests
{
    private static readonly JsonElement s_schema = JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"string"}}}""").RootElement;

    /// <summary>Strings biased towards JSON punctuation, fences and unicode, so the scanner's edges are exercised.</summary>
    private static readonly Gen<string> s_jsonish = Gen.OneOf(
        Gen.String,
        Gen.Char["{}[]\":,`\n 0aé🙂\\tfn-."].Array[0, 300].Select(c => new string(c)),
        Gen.Select(Gen.Int[0, 5], Gen.String[0, 40], (n, s) => string.Concat(Enumerable.Repeat("```json\n{\"a\":[" + s + "]}\n```\n", n))),
        Gen.Select(Gen.String[0, 30], Gen.String[0, 30], (a, b) => $"{a}{{\"result\":{{\"a\":\"{b}\"}}}}\n{{\"a\":1}}{b}"));

    private static readonly Gen<string> s_paths = Gen.OneOf(Gen.String, Gen.Char["ab.[]0129'\"$ "].Array[0, 20].Select(c => new string(c)));

    [Fact]
    public void Extraction_never_throws_and_keeps_the_raw_text() =>
        s_jsonish.Sample(text =>
        {
            var json = JsonExtractor.Extract(text, s_schema);
            return json.RawText == text && (json.Success ? json.Json is not null : json.Error is { Length: > 0 });
        }, iter: 3000);

    [Fact]
    public void Extracted_json_round_trips() =>
        s_jsonish.Sample(text =>
        {
            var json = JsonExtractor.Extract(text);
            if (json.Success)
            {
                using var again = JsonDocument.Parse(json.Json!);
                Assert.True(JsonElement.DeepEquals(again.RootElement, json.Value));
            }
        }, iter: 2000);

    [Fact]
    public void Path_parsing_and_evaluation_never_throw() =>
        Gen.Select(s_paths, s_jsonish).Sample((path, text) =>
        {
            if (FieldPath.TryParse(path, out var parsed, out var error))
            {
                var json = JsonExtractor.Extract(text);
                _ = parsed.IsPresent(json.Value);
                _ = parsed.TryGet(json.Value, out _);
                return true;
            }

            return error.Length > 0;
        }, iter: 3000);

    [Fact]
    public void Rules_never_throw_on_arbitrary_answers() =>
        s_jsonish.Sample(text =>
        {
            ResponseRule[] rules = [new NotEmptyRule(), new JsonRule(), new RequiredFieldRule("a[0].b"), new ForbiddenFieldRule("x.y"), new LengthRule(0, 10, LengthUnit.Words), new OneOfRule(["a"]), new CodeSyntaxRule(CodeLanguage.Json)];
            var result = ResponseValidation.ValidateAsync(rules, new ValidationContext(text, s_schema), default).AsTask().GetAwaiter().GetResult();
            return result.Errors.All(e => e.Length > 0);
        }, iter: 1000);
}
