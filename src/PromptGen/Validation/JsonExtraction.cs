using System.Text.Json;

namespace PromptGen.Validation;

/// <summary>The JSON found in an answer, with the raw text kept; or why none was found.</summary>
public sealed class JsonExtraction
{
    private string? _json;
    private JsonElement _value;
    private bool _deferred;

    private JsonExtraction(string rawText, JsonElement value, JsonExtractionMethod method, string? envelope, string? error, IReadOnlyList<JsonRepair> repairs)
    {
        Repairs = repairs;
        RawText = rawText;
        _value = value;
        Method = method;
        Envelope = envelope;
        Error = error;
    }

    /// <summary>Gets the answer as received.</summary>
    public string RawText { get; }

    /// <summary>Gets a value indicating whether JSON was found.</summary>
    public bool Success => Method != JsonExtractionMethod.None;

    /// <summary>Gets the JSON value (after unwrapping an envelope); <c>default</c> when <see cref="Success"/> is <see langword="false"/>.</summary>
    public JsonElement Value
    {
        get
        {
            if (_deferred)
            {
                // The typed fast path read the answer straight into the result type: the element is parsed only if asked for.
                using var document = JsonDocument.Parse(RawText);
                _value = document.RootElement.Clone();
                _deferred = false;
            }

            return _value;
        }
    }

    /// <summary>Gets where the JSON was found.</summary>
    public JsonExtractionMethod Method { get; }

    /// <summary>Gets the name of the envelope property that was unwrapped (for example <c>result</c>), if any.</summary>
    public string? Envelope { get; }

    /// <summary>
    /// Gets every change made to read the answer, in order: extraction (fence, prose, choice among several values,
    /// envelope), syntax repairs and coercions, each with its JSON path and line and column. Empty for an answer that
    /// was valid JSON fitting the schema as it is.
    /// </summary>
    public IReadOnlyList<JsonRepair> Repairs { get; }

    /// <summary>Gets why no JSON was found, phrased for the model; <see langword="null"/> on success.</summary>
    public string? Error { get; }

    /// <summary>Gets the extracted JSON as strict, compact JSON text (comments and trailing commas the model wrote are gone), or <see langword="null"/> when none was found.</summary>
    public string? Json => Success ? _json ??= Normalize(Value) : null;

    internal static JsonExtraction Found(string rawText, JsonElement value, JsonExtractionMethod method, string? envelope, IReadOnlyList<JsonRepair> repairs) =>
        new(rawText, value, method, envelope, null, repairs);

    /// <summary>An answer that is valid JSON as a whole and was deserialized as it is: its element is parsed on first use.</summary>
    internal static JsonExtraction Deferred(string rawText) => new(rawText, default, JsonExtractionMethod.Whole, null, null, []) { _deferred = true };

    internal static JsonExtraction Failed(string rawText, string error) => new(rawText, default, JsonExtractionMethod.None, null, error, []);

    private static string Normalize(JsonElement value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        // Readable UTF-8 (quotes and non-ASCII as themselves); the text is JSON for programs and people, not HTML.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            value.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc/>
    public override string ToString() => Success ? $"{Method}{(Envelope is null ? string.Empty : $" (unwrapped '{Envelope}')")}: {Json}" : $"no JSON: {Error}";
}
