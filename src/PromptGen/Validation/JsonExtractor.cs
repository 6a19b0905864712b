using System.Text.Json;
using PromptGen.Validation.Lenient;

namespace PromptGen.Validation;

/// <summary>
/// Reads the JSON of a model's answer, in one forward pass and with every change recorded: Markdown code fences,
/// prose around the value, several values (the first that fits the schema is chosen, and the choice is recorded), an
/// echoed schema, an envelope object, JSON Lines; under <see cref="JsonParsePolicy.Repair"/> broken syntax too, and
/// under <see cref="JsonParsePolicy.RepairAndCoerce"/> (the default) values converted to fit the schema. A value that
/// does not fit is never returned as success: the error names where the JSON broke and what was expected. Never throws.
/// </summary>
public static partial class JsonExtractor
{
    /// <summary>
    /// Reads the JSON value of <paramref name="text"/> that fits <paramref name="schema"/> under <paramref name="policy"/>:
    /// the public parse for a JSON Schema, usable without a model call. The default policy is <see cref="JsonParsePolicy.RepairAndCoerce"/>.
    /// </summary>
    /// <param name="text">The model's answer.</param>
    /// <param name="schema">The JSON schema of the expected value (draft 2020-12 subset), if known.</param>
    /// <param name="policy">How far to go: strict, repair, or repair and coerce.</param>
    /// <returns>The JSON found, with every repair and coercion; or a located error phrased for the model.</returns>
    public static JsonExtraction Extract(string? text, JsonElement? schema = null, JsonParsePolicy policy = JsonParsePolicy.RepairAndCoerce)
    {
        return Extract(text, schema, null, policy);
    }

    /// <summary><see cref="Extract(string?, JsonElement?, JsonParsePolicy)"/>, with the schema already compiled when <paramref name="model"/> is given (a typed parse keeps it per type).</summary>
    private static JsonExtraction Extract(string? text, JsonElement? schema, SchemaModel? model, JsonParsePolicy policy)
    {
        text ??= string.Empty;
        try
        {
            model ??= schema is { ValueKind: JsonValueKind.Object or JsonValueKind.True } s ? SchemaModels.Get(s) : null;
            return ExtractCore(text, schema, model, policy);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or FormatException or InsufficientExecutionStackException)
        {
            // Defence in depth: reading is a pure function over untrusted text and must never take the call down.
            return JsonExtraction.Failed(text, $"The answer could not be read as JSON ({exception.GetType().Name}). Reply with only a JSON value.");
        }
    }

    private static JsonExtraction ExtractCore(string text, JsonElement? schema, SchemaModel? model, JsonParsePolicy policy)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return JsonExtraction.Failed(text, "The answer is empty; reply with a JSON value.");
        }

        var start = text.Length - text.AsSpan().TrimStart().Length;
        var coercer = model is not null ? new SchemaCoercer(model, policy) : null;
        var expected = coercer?.RootKind;
        if (policy == JsonParsePolicy.RepairAndCoerce && coercer is not null && coercer.IsPlainString())
        {
            // A string is the answer itself (a quoted answer keeps its quotes, as the model wrote them).
            return JsonExtraction.Found(text, LenientNodes.ToElement(new LenientNode(LenientKind.String, start, trimmed.ToString())), JsonExtractionMethod.Whole, null, []);
        }

        if (TryParseWhole(trimmed, out var whole))
        {
            return FromWhole(text, whole, start, coercer, expected);
        }

        var candidates = CandidateScanner.Scan(text, out var failure, out var failureOffset);
        if (failure is not null)
        {
            return JsonExtraction.Failed(text, $"The JSON in the answer is malformed or incomplete at {Where(text, failureOffset)}: {failure}. Reply with only a complete, valid JSON {Describe(expected)}.");
        }

        if (candidates.Count > 1)
        {
            candidates.RemoveAll(c => IsEchoedSchema(c.Node, schema));
        }

        if (JsonLines(candidates, expected) is { } lines)
        {
            candidates.Insert(0, lines);
        }

        return Choose(text, trimmed, start, candidates, coercer, policy, expected);
    }

    private static JsonExtraction FromWhole(string text, JsonElement whole, int start, SchemaCoercer? coercer, string? expected)
    {
        if (coercer is null || SchemaFit.Fits(whole, coercer.Model, coercer.Policy))
        {
            return JsonExtraction.Found(text, whole, JsonExtractionMethod.Whole, null, []);
        }

        // Read again for the offsets of every value (valid JSON reads without a repair), so errors and changes are located.
        var node = whole.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? new LenientReader(text, start, text.Length).ReadContainer() ?? LenientNodes.FromElement(whole, start) : LenientNodes.FromElement(whole, start);
        if (coercer.TryRun(node, prose: false, out var value, out var envelope))
        {
            // Valid JSON that fits is returned exactly as written (missing optional members are not filled in).
            return coercer.Changes.TrueForAll(c => c.Description.StartsWith(SchemaCoercer.MissingOptional, StringComparison.Ordinal))
                ? JsonExtraction.Found(text, whole, JsonExtractionMethod.Whole, null, [])
                : JsonExtraction.Found(text, LenientNodes.ToElement(value!), JsonExtractionMethod.Whole, envelope, Located(text, coercer.Changes));
        }

        return JsonExtraction.Failed(text, Misfit(text, coercer.Errors, expected, cutOff: false));
    }

    private static JsonExtraction Choose(string text, ReadOnlySpan<char> trimmed, int start, List<Candidate> candidates, SchemaCoercer? coercer, JsonParsePolicy policy, string? expected)
    {
        string? error = null;
        var chosen = 0;
        foreach (var candidate in candidates)
        {
            chosen++;
            if (policy == JsonParsePolicy.Strict && candidate.Repairs.Count > 0)
            {
                var first = candidate.Repairs[0];
                error ??= $"The JSON in the answer is malformed or incomplete at {Where(text, first.Offset)}: {first.Description.Split(';')[0]}. Reply with only a complete, valid JSON {Describe(expected)}.";
                continue;
            }

            LenientNode? value;
            string? envelope = null;
            if (coercer is null)
            {
                value = SchemaCoercer.Plain(candidate.Node);
            }
            else
            {
                coercer.Changes.Clear();
                if (!coercer.TryRun(candidate.Node, prose: false, out value, out envelope))
                {
                    if (error is null || (expected is not null && KindOf(candidate.Node) == expected && !candidate.Fenced))
                    {
                        error = Misfit(text, coercer.Errors, expected, candidate.Node.CutOff || candidate.Repairs.Count > 0);
                    }

                    continue;
                }
            }

            var method = candidate.Lines ? JsonExtractionMethod.JsonLines
                : candidate.Start == start && candidate.End >= text.AsSpan().TrimEnd().Length && !candidate.Fenced ? JsonExtractionMethod.Whole
                : candidate.Fenced ? JsonExtractionMethod.Fenced : JsonExtractionMethod.Embedded;
            RepairAt? extraction = null;
            if (method is JsonExtractionMethod.Fenced or JsonExtractionMethod.Embedded)
            {
                var what = method == JsonExtractionMethod.Fenced ? "JSON taken from a code fence" : "JSON taken from the text around it";
                extraction = new RepairAt(candidate.Start, "$", candidates.Count > 1 ? $"{what}; value {chosen} of {candidates.Count} found, the first that fits the schema" : what, JsonRepairKind.Extraction);
            }

            // The extraction, the syntax repairs of the candidate, then the coercions, located into one list.
            return JsonExtraction.Found(text, LenientNodes.ToElement(value!), method, envelope, Located(text, extraction, candidate.Repairs, coercer?.Changes));
        }

        if (coercer is not null && policy == JsonParsePolicy.RepairAndCoerce && coercer.ReadsProse())
        {
            coercer.Changes.Clear();
            var prose = new LenientNode(LenientKind.Bare, start, trimmed.ToString());
            if (coercer.TryRun(prose, prose: true, out var value, out _))
            {
                return JsonExtraction.Found(text, LenientNodes.ToElement(value!), JsonExtractionMethod.Embedded, null, Located(text, coercer.Changes));
            }

            error ??= Misfit(text, coercer.Errors, expected, cutOff: false);
        }

        return JsonExtraction.Failed(text, error ?? (candidates.Count == 0
            ? $"The answer contains no JSON {Describe(expected)}; reply with only the JSON, no prose. The answer starts with: \"{Clip(trimmed)}\"."
            : $"The answer contains no JSON {Describe(expected)} that fits the schema; reply with only the JSON {Describe(expected)}."));
    }

    private static string Misfit(string text, List<CoercionError> errors, string? expected, bool cutOff) =>
        (cutOff ? "The JSON in the answer is malformed or incomplete and does not fit the schema: " : "The JSON in the answer does not fit the schema: ")
        + string.Join(" ", errors.Select(e => $"{e.Path} ({Where(text, e.Offset)}): {e.Message}."))
        + $" Reply with only a complete JSON {Describe(expected)} that fits the schema.";

    private static bool TryParseWhole(ReadOnlySpan<char> text, out JsonElement value)
    {
        value = default;
        var first = text[0];
        if (first is not ('{' or '[' or '"' or '-' or 't' or 'f' or 'n') && !char.IsAsciiDigit(first))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text.ToString());
            value = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
