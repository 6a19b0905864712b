using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace PromptGen.Validation.JsonSchema.Tests;

/// <summary>
/// Properties of lenient reading, checked against an independent validator (NJsonSchema): it never throws, it never
/// returns success for a value that does not validate, and valid JSON comes back exactly as System.Text.Json reads it.
/// </summary>
public class LenientPropertyTests
{
    private const string TicketSchema = """
        {"type":"object","properties":{
          "name":{"type":"string"},
          "level":{"$ref":"#/definitions/Level"},
          "count":{"type":"integer"},
          "score":{"type":"number"},
          "tags":{"type":"array","items":{"type":"string"}},
          "note":{"type":["string","null"]}},
         "required":["name","level","count","tags"],"additionalProperties":false,
         "definitions":{"Level":{"type":"string","enum":["Low","Medium","High"]}}}
        """;

    private static readonly (JsonElement Schema, JsonSchemaRule Validator)[] s_schemas =
    [
        Load(TicketSchema),
        Load("""{"type":"array","items":{"type":"integer"}}"""),
        Load("""{"type":"boolean"}"""),
        Load("""{"type":"string","enum":["ONE","TWO","THREE"]}"""),
        Load("""{"type":"array","items":{"type":"object","properties":{"a":{"type":"number"},"b":{"type":["boolean","null"]}},"required":["a"]}}"""),
    ];

    private static readonly Gen<string> s_word = Gen.Char["abcdefghijklmnopqrstuvwxyz éü\"'"].Array[0, 12].Select(c => new string(c));

    private static readonly Gen<JsonObject> s_ticket = Gen.Select(s_word, Gen.Int[0, 2], Gen.Int[-5000, 5000], Gen.Double[-1e6, 1e6], s_word.List[0, 4], Gen.Bool, (name, level, count, score, tags, withNote) =>
    {
        var ticket = new JsonObject
        {
            ["name"] = name,
            ["level"] = new[] { "Low", "Medium", "High" }[level],
            ["count"] = count,
            ["score"] = Math.Round(score, 3),
            ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode?)t)]),
        };
        if (withNote)
        {
            ticket["note"] = name.Length % 2 == 0 ? null : name;
        }

        return ticket;
    });

    /// <summary>Valid answers, then mutated the way models break them: unquoted keys, single quotes, trailing commas, case, prose, fences, cut-offs, stray characters.</summary>
    private static readonly Gen<string> s_messy = Gen.Select(s_ticket, Gen.Bool, Gen.Int[0, 7].Array[0, 6], Gen.Int[0, int.MaxValue], (ticket, indent, mutations, seed) =>
    {
        var text = ticket.ToJsonString(new JsonSerializerOptions { WriteIndented = indent });
        var random = new Random(seed);
        foreach (var mutation in mutations)
        {
            text = mutation switch
            {
                0 => text.Replace("\"name\":", "name:", StringComparison.Ordinal).Replace("\"tags\":", "tags:", StringComparison.Ordinal),
                1 => text.Replace('"', '\''),
                2 => text.Replace("]", ",]", StringComparison.Ordinal).Replace("}", ",}", StringComparison.Ordinal),
                3 => text.Replace("\"High\"", "\"high\"", StringComparison.Ordinal).Replace("\"Low\"", "\"the level is LOW\"", StringComparison.Ordinal),
                4 => "Sure! Here is the answer:\n```json\n" + text + "\n```\nAnything else?",
                5 => text[..random.Next(text.Length + 1)],
                6 => text.Insert(random.Next(text.Length + 1), new[] { "\"", "{", "]", ",", "\n", "//", "True" }[random.Next(7)]),
                _ => text.Replace("\"count\":", "\"count\": \"", StringComparison.Ordinal).Replace(",\"score\"", "\",\"score\"", StringComparison.Ordinal),
            };
        }

        return text;
    });

    private static readonly Gen<string> s_any = Gen.OneOf(s_messy, Gen.String, Gen.Char["{}[]\"':,`\n 0aTtrue1-.#/*"].Array[0, 200].Select(c => new string(c)));

    [Fact]
    public void Never_throws_and_never_returns_a_value_that_does_not_validate() =>
        Gen.Select(s_any, Gen.Int[0, s_schemas.Length - 1], Gen.Int[0, 2]).Sample((text, index, policy) =>
        {
            var (schema, validator) = s_schemas[index];
            var json = JsonExtractor.Extract(text, schema, (JsonParsePolicy)policy);
            if (!json.Success)
            {
                return !string.IsNullOrWhiteSpace(json.Error);
            }

            var result = validator.Validate(json.Value);
            if (!result.IsValid)
            {
                throw new InvalidOperationException($"{json.Json} does not validate ({string.Join(" ", result.Errors)}) for {text}");
            }

            return true;
        }, iter: 4000);

    [Fact]
    public void Valid_json_comes_back_as_System_Text_Json_reads_it() =>
        Gen.Select(s_ticket, Gen.Bool).Sample((ticket, indent) =>
        {
            var text = ticket.ToJsonString(new JsonSerializerOptions { WriteIndented = indent });
            using var expected = JsonDocument.Parse(text);
            var withSchema = JsonExtractor.Extract(text, s_schemas[0].Schema);
            var without = JsonExtractor.Extract(text);
            return withSchema.Repairs.Count == 0
                && JsonElement.DeepEquals(withSchema.Value, expected.RootElement)
                && JsonElement.DeepEquals(without.Value, expected.RootElement);
        }, iter: 2000);

    [Fact]
    public void Most_messy_answers_are_recovered_with_their_repairs_recorded()
    {
        var recovered = 0;
        Gen.Select(s_messy, Gen.Int[0, 3].Array[1, 3]).Sample((text, _) =>
        {
            var json = JsonExtractor.Extract(text, s_schemas[0].Schema);
            if (json.Success)
            {
                Interlocked.Increment(ref recovered);
            }

            return !json.Success || json.Repairs.Count > 0 || IsJson(text);
        }, iter: 1000, threads: 1);
        Assert.True(recovered > 300, $"only {recovered} of 1000 messy answers recovered");
    }

    private static (JsonElement, JsonSchemaRule) Load(string schema) =>
        (JsonDocument.Parse(schema).RootElement.Clone(), JsonSchemaRule.FromJson(schema));

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
