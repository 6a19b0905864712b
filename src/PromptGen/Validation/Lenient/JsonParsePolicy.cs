namespace PromptGen.Validation;

/// <summary>
/// How far PromptGen goes to read an answer that is almost JSON. Every repair and coercion it makes is recorded
/// (<see cref="JsonRepair"/>); a re-ask happens only when the answer cannot be read under the policy.
/// </summary>
public enum JsonParsePolicy
{
    /// <summary>
    /// The default: syntax repairs and schema-driven coercions (<c>"12,111"</c> as a number, <c>"high"</c> as the enum
    /// member <c>High</c>, a lone value as a one-element list, unknown members ignored). A valid answer is returned as
    /// it is, so models with native structured output pay nothing for it.
    /// </summary>
    RepairAndCoerce,

    /// <summary>Syntax repairs only (trailing commas, comments, quotes, unclosed ends); the value must then fit the schema as it is.</summary>
    Repair,

    /// <summary>
    /// No repair, no coercion: the JSON may be taken out of a code fence or prose, but it must be valid JSON that fits
    /// the schema as it is (unknown members are errors).
    /// </summary>
    Strict,
}
