using System.Text.Json;
using CsCheck;
using PromptGen.Validation;
using Xunit.Abstractions;

namespace PromptGen.Tests.Validation.Lenient;

/// <summary>
/// Answers read while they are still being written: every prefix gives a partial value consistent with the final one
/// (no part reported complete that later changes, no error that the whole answer does not have), over the shared
/// corpus and hand-made answers, fed character by character and in random chunks.
/// </summary>
public class PartialJsonTests(ITestOutputHelper output)
{
    private static readonly JsonElement s_story = Schema("""
        {"type":"object","properties":{"title":{"type":"string"},"year":{"type":"integer"},"price":{"type":"number"},
         "level":{"enum":["Low","Medium","High"]},"tags":{"type":"array","items":{"type":"string"}},
         "parts":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"pages":{"type":"integer"}},"required":["name","pages"]}}},
         "required":["title","year","tags","parts"]}
        """);

    private const string Messy = """
        Sure! Here it is:
        ```json
        {
          // the book
          title: 'Dune "the novel"',
          year: 1965,
          price: "1,234.50",
          level: high,
          tags: [sf, 'desert',],
          parts: [{name: `Book One`, pages: 200,}, {name: "Book\nTwo", pages: "180"}],
        }
        ```
        Anything else?
        """;

    private static readonly string s_messy = Messy;

    public static TheoryData<string> Answers() =>
    [
        """{"title": "Dune", "year": 1965, "price": 9.5, "level": "High", "tags": ["sf", "desert"], "parts": [{"name": "Book One", "pages": 200}, {"name": "Book Two", "pages": 180}]}""",
        Messy,
        """{"title": "She said "hi" to me", "year": 1965, "tags": ["a"], "parts": [], "price": 12,111}""",
        """{"title": "cut", "year": 2000, "parts": [], "tags": ["one", "tw""",
    ];

    [Theory]
    [MemberData(nameof(Answers))]
    public void Every_prefix_of_an_answer_is_consistent_with_the_whole(string answer) => AssertConsistent(answer, s_story, chunk: 1);

    [Fact]
    public void Every_prefix_of_every_corpus_answer_is_consistent_with_the_whole()
    {
        var checkedCases = 0;
        foreach (var @case in LenientCorpus.Cases)
        {
            var final = JsonExtractor.Extract(@case.Raw, @case.Schema);
            if (!final.Success || @case.Schema.ValueKind != JsonValueKind.Object || !@case.Raw.AsSpan().ContainsAny('{', '['))
            {
                continue;
            }

            checkedCases++;
            var failure = Consistency(@case.Raw, @case.Schema, final, 1);
            Assert.True(failure is null, $"{@case.Id}: {failure}");
        }

        output.WriteLine($"{checkedCases} corpus answers checked prefix by prefix");
        Assert.True(checkedCases >= 40, $"only {checkedCases} corpus answers were checked");
    }

    [Fact]
    public void Random_chunking_gives_the_same_partial_values_as_one_character_at_a_time()
    {
        var answer = s_messy;
        var final = JsonExtractor.Extract(answer, s_story);
        Gen.Int[1, 40].Array[1, 200].Sample(sizes => Consistency(answer, s_story, final, 0, sizes) is null);
    }

    [Fact]
    public void A_string_is_not_complete_before_its_closing_quote_nor_a_number_before_its_end()
    {
        var parser = new PartialJsonParser(s_story);
        parser.Append("""{"title": "Du""");
        var partial = parser.Read();
        Assert.Equal("Du", partial.Value.GetProperty("title").GetString());
        Assert.DoesNotContain("$.title", partial.Complete);

        parser.Append("""ne", "year": 19""");
        partial = parser.Read();
        Assert.Contains("$.title", partial.Complete);
        Assert.False(partial.Value.TryGetProperty("year", out _));

        parser.Append("65, \"tags\": [\"a\", \"b");
        partial = parser.Read();
        Assert.Equal(1965, partial.Value.GetProperty("year").GetInt32());
        Assert.Contains("$.tags[0]", partial.Complete);
        Assert.DoesNotContain("$.tags[1]", partial.Complete);
        Assert.Equal(2, partial.Value.GetProperty("tags").GetArrayLength());
    }

    [Fact]
    public void A_complete_part_that_breaks_the_schema_is_an_error_at_once()
    {
        var parser = new PartialJsonParser(s_story);
        parser.Append("""{"title": "Dune", "year": 1965, "tags": [], "parts": [{"name": "One", "pages": 10}, {"name": "Two", "pages": "many"}, """);

        var partial = parser.Read();

        var error = Assert.Single(partial.Errors);
        Assert.Contains("$.parts[1].pages", error, StringComparison.Ordinal);
        Assert.Contains("line 1", error, StringComparison.Ordinal);
    }

    private static void AssertConsistent(string answer, JsonElement schema, int chunk)
    {
        var final = JsonExtractor.Extract(answer, schema);
        Assert.True(final.Success, final.Error);
        var failure = Consistency(answer, schema, final, chunk);
        Assert.True(failure is null, failure);
    }

    /// <summary>Feeds the answer in chunks and checks every partial value against the final one; returns what went wrong, if anything.</summary>
    private static string? Consistency(string answer, JsonElement schema, JsonExtraction final, int chunk, int[]? sizes = null)
    {
        var parser = new PartialJsonParser(schema);
        var at = 0;
        var next = 0;
        HashSet<string> seen = [];
        while (at < answer.Length)
        {
            var size = Math.Min(answer.Length - at, sizes is null ? chunk : sizes[next++ % sizes.Length]);
            parser.Append(answer.AsSpan(at, size));
            at += size;
            var partial = parser.Read();
            if (partial.Errors.Count > 0)
            {
                return $"after {at} characters: error {partial.Errors[0]} although the whole answer reads";
            }

            foreach (var path in partial.Complete)
            {
                if (!TryAt(partial.Value, path, out var part) || !TryAt(final.Value, path, out var whole) || !LenientCorpus.SameJson(part, whole))
                {
                    return $"after {at} characters ({Clip(answer[..at])}): {path} reported complete as {Raw(partial.Value, path)} but the whole answer has {Raw(final.Value, path)}";
                }

                seen.Add(path);
            }
        }

        parser.End();
        return null;
    }

    private static string Raw(JsonElement root, string path) => TryAt(root, path, out var value) ? value.GetRawText() : "nothing";

    private static string Clip(string text) => text.Length <= 80 ? text : "…" + text[^80..];

    /// <summary>The value at a JSON path of the form <c>$.a.b[0]</c>.</summary>
    private static bool TryAt(JsonElement root, string path, out JsonElement value)
    {
        value = root;
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '[' && path[i + 1] == '"')
            {
                var close = i + 2;
                while (path[close] != '"' || path[close - 1] == '\\')
                {
                    close++;
                }

                var key = JsonSerializer.Deserialize<string>(path[(i + 1)..(close + 1)])!;
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(key, out value))
                {
                    return false;
                }

                i = close + 2;
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                var index = int.Parse(path[(i + 1)..close], System.Globalization.CultureInfo.InvariantCulture);
                if (value.ValueKind != JsonValueKind.Array || index >= value.GetArrayLength())
                {
                    return false;
                }

                value = value[index];
                i = close + 1;
            }
            else
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(path[(i + 1)..end], out value))
                {
                    return false;
                }

                i = end;
            }
        }

        return true;
    }

    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
