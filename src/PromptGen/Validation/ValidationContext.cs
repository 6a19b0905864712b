using System.Text.Json;

namespace PromptGen.Validation;

/// <summary>
/// One answer under validation: the raw text (untrusted: quoted in errors, never followed), its JSON extracted once on
/// first use, and what rules may need from the call (services for custom validators, the router for judges).
/// </summary>
public sealed class ValidationContext
{
    private List<AttemptRecord>? _judgeAttempts;
    private JsonExtraction? _json;

    /// <summary>Initializes a context.</summary>
    /// <param name="text">The model's answer as received.</param>
    /// <param name="schema">The JSON schema the answer should satisfy, if any; guides extraction (envelope, echoed schema, JSON Lines).</param>
    public ValidationContext(string text, JsonElement? schema = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Schema = schema;
    }

    /// <summary>Gets the model's answer as received.</summary>
    public string Text { get; }

    /// <summary>Gets the JSON schema of the expected answer, if any.</summary>
    public JsonElement? Schema { get; }

    /// <summary>Gets the JSON found in <see cref="Text"/> (extracted once, on first use).</summary>
    public JsonExtraction Json => _json ??= JsonExtractor.Extract(Text, Schema, Policy);

    /// <summary>Gets how far <see cref="Json"/> repairs and coerces the answer. Default: <see cref="JsonParsePolicy.RepairAndCoerce"/>.</summary>
    public JsonParsePolicy Policy { get; init; } = JsonParsePolicy.RepairAndCoerce;

    /// <summary>Gets the changes made to read the answer as JSON, if it was read (empty otherwise).</summary>
    internal IReadOnlyList<JsonRepair> Repairs => _json?.Repairs ?? [];

    /// <summary>Reads a typed result by the fast path when the answer is valid JSON fitting the type as written (the JSON element is then parsed only if a rule asks for it).</summary>
    internal bool TryFast<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, out T? value)
    {
        if (_json is null && JsonExtractor.TryFast(Text, typeInfo, out value))
        {
            _json = JsonExtraction.Deferred(Text);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Gets the services of the application, for custom validators and syntax checkers.</summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>Gets the client judge rules call their judge model through (the <see cref="PromptRouter"/>); without it judge rules report a configuration error.</summary>
    public IJudgeClient? Judge { get; init; }

    /// <summary>Gets the judge model used by judge rules that name none.</summary>
    public string? JudgeModel { get; init; }

    /// <summary>Gets what is being validated (for example <c>IMyPrompts.AskAsync</c>), for error messages.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the judge calls made while validating, in order, for the call's trace.</summary>
    public IReadOnlyList<AttemptRecord> JudgeAttempts => _judgeAttempts ?? (IReadOnlyList<AttemptRecord>)[];

    internal void RecordJudgeAttempts(IEnumerable<AttemptRecord> attempts) =>
        (_judgeAttempts ??= []).AddRange(attempts.Select(a => a with { Kind = AttemptKind.Judge }));
}
