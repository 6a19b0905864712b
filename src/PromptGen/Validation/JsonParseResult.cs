namespace PromptGen.Validation;

/// <summary>The result of <see cref="JsonExtractor.Parse{T}"/>: the value and every change made to read it, or every error.</summary>
/// <typeparam name="T">The result type.</typeparam>
public sealed class JsonParseResult<T>
{
    internal JsonParseResult(JsonExtraction json, T? value, IReadOnlyList<string> errors)
    {
        Json = json;
        Value = value;
        Errors = errors;
    }

    /// <summary>Gets a value indicating whether the answer was read into a value of <typeparamref name="T"/>.</summary>
    public bool Success => Errors.Count == 0;

    /// <summary>Gets the value; <c>default</c> when <see cref="Success"/> is <see langword="false"/>.</summary>
    public T? Value { get; }

    /// <summary>Gets every error (with JSON path, line and column), phrased for the model; empty on success.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Gets the JSON read from the answer, with its repairs.</summary>
    public JsonExtraction Json { get; }

    /// <summary>Gets every change made to read the answer (extraction, syntax repairs, coercions).</summary>
    public IReadOnlyList<JsonRepair> Repairs => Json.Repairs;
}
