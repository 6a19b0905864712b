using System.Text;
using System.Text.Json;

namespace PromptGen.Validation;

/// <summary>
/// Finds the JSON in a model's answer. Tolerates Markdown code fences, prose before or after the value, an echoed
/// schema before the answer, an envelope object (<c>{"result": {…}}</c>, <c>{"data": …}</c>) when the expected schema
/// does not describe the envelope, and JSON Lines. Never throws on any input; the raw text is always kept.
/// </summary>
public static partial class JsonExtractor
{
    private const int MaxFailedStarts = 256;
    private static readonly string[] s_envelopes = ["result", "data", "response", "output", "answer", "json"];
    private static readonly JsonDocumentOptions s_lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Extracts the JSON of <paramref name="text"/>.</summary>
    /// <param name="text">The model's answer.</param>
    /// <param name="schema">The JSON schema of the expected value, if known: its root type picks between candidates and decides whether an envelope is unwrapped.</param>
    /// <returns>The JSON found, or the reason none was found.</returns>
    public static JsonExtraction Extract(string? text, JsonElement? schema = null)
    {
        text ??= string.Empty;
        try
        {
            return ExtractCore(text, schema);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            // Defence in depth: extraction is a pure function over untrusted text and must never take the call down.
            return JsonExtraction.Failed(text, $"The answer could not be read as JSON ({exception.GetType().Name}). Reply with only a JSON value.");
        }
    }

    private static JsonExtraction ExtractCore(string text, JsonElement? schema)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return JsonExtraction.Failed(text, "The answer is empty; reply with a JSON value.");
        }

        var expected = ExpectedKind(schema);
        if (TryParse(trimmed, out var whole, out var firstError))
        {
            return Finish(text, whole, JsonExtractionMethod.Whole, schema, expected);
        }

        var candidates = new List<Candidate>();
        foreach (var body in FenceBodies(trimmed))
        {
            if (TryParse(body.Span, out var fenced, out _))
            {
                candidates.Add(new Candidate(fenced, JsonExtractionMethod.Fenced, LineStart: true));
            }
            else
            {
                Scan(body.Span, JsonExtractionMethod.Fenced, candidates, ref firstError);
            }
        }

        if (candidates.Count == 0)
        {
            Scan(trimmed, JsonExtractionMethod.Embedded, candidates, ref firstError);
        }

        if (candidates.Count > 1)
        {
            candidates.RemoveAll(c => IsEchoedSchema(c.Value, schema));
        }

        if (candidates.Count == 0)
        {
            var start = trimmed.IndexOfAny('{', '[');
            return JsonExtraction.Failed(text, start < 0
                ? $"The answer contains no JSON {Describe(expected)}; reply with only the JSON, no prose. The answer starts with: \"{Clip(trimmed)}\"."
                : $"The JSON in the answer is malformed or incomplete ({firstError ?? "unreadable"}); reply with only a complete, valid JSON {Describe(expected)}.");
        }

        if (candidates.Count > 1 && expected != JsonValueKind.Object && candidates.TrueForAll(c => c.LineStart && c.Value.ValueKind == JsonValueKind.Object))
        {
            return Finish(text, ToArray(candidates), JsonExtractionMethod.JsonLines, schema, expected);
        }

        var pick = candidates.Find(c => expected is null || c.Value.ValueKind == expected) ?? candidates[0];
        return Finish(text, pick.Value, pick.Method, schema, expected);
    }

    private static JsonExtraction Finish(string text, JsonElement value, JsonExtractionMethod method, JsonElement? schema, JsonValueKind? expected)
    {
        if (expected is { } want && value.ValueKind == JsonValueKind.Object && TryEnvelope(value, out var name, out var inner) && inner.ValueKind == want && !SchemaDeclares(schema, name))
        {
            return JsonExtraction.Found(text, inner, method, name);
        }

        return JsonExtraction.Found(text, value, method);
    }

    private static bool TryEnvelope(JsonElement value, out string name, out JsonElement inner)
    {
        name = string.Empty;
        inner = default;
        using var properties = value.EnumerateObject();
        if (!properties.MoveNext())
        {
            return false;
        }

        var only = properties.Current;
        if (properties.MoveNext() || Array.FindIndex(s_envelopes, e => e.Equals(only.Name, StringComparison.OrdinalIgnoreCase)) < 0)
        {
            return false;
        }

        name = only.Name;
        inner = only.Value;
        return true;
    }

    private static bool TryParse(ReadOnlySpan<char> text, out JsonElement value, out string? error)
    {
        value = default;
        error = null;
        var first = text.IsEmpty ? '\0' : text[0];
        if (first is not ('{' or '[' or '"' or '-' or 't' or 'f' or 'n') && !char.IsAsciiDigit(first))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text.ToString(), s_lenient);
            value = document.RootElement.Clone();
            return true;
        }
        catch (JsonException exception)
        {
            error = Position(exception);
            return false;
        }
        catch (ArgumentException)
        {
            // An unpaired surrogate somewhere in the text; the byte scan below reads around it.
            return false;
        }
    }

    /// <summary>Finds every complete JSON object or array embedded in <paramref name="text"/>.</summary>
    private static void Scan(ReadOnlySpan<char> text, JsonExtractionMethod method, List<Candidate> candidates, ref string? firstError)
    {
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var failed = 0;
        for (var i = 0; i < bytes.Length && failed < MaxFailedStarts;)
        {
            var at = bytes.AsSpan(i).IndexOfAny((byte)'{', (byte)'[');
            if (at < 0)
            {
                break;
            }

            i += at;
            if (TryReadValue(bytes.AsSpan(i), out var length, out var value, out var error))
            {
                candidates.Add(new Candidate(value, method, StartsLine(bytes, i)));
                i += length;
            }
            else
            {
                firstError ??= error;
                failed++;
                i++;
            }
        }
    }

    private static bool TryReadValue(ReadOnlySpan<byte> utf8, out int length, out JsonElement value, out string? error)
    {
        length = 0;
        value = default;
        error = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            length = checked((int)reader.BytesConsumed);
            using var document = JsonDocument.Parse(utf8[..length].ToArray(), s_lenient);
            value = document.RootElement.Clone();
            return true;
        }
        catch (JsonException exception)
        {
            error = Position(exception);
            return false;
        }
    }

    private static bool StartsLine(byte[] bytes, int index)
    {
        for (var j = index - 1; j >= 0; j--)
        {
            if (bytes[j] == (byte)'\n')
            {
                return true;
            }

            if (bytes[j] is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Position(JsonException exception) =>
        exception.LineNumber is { } line ? $"line {line + 1}, position {exception.BytePositionInLine + 1}" : exception.Message;

    private sealed record Candidate(JsonElement Value, JsonExtractionMethod Method, bool LineStart);
}
