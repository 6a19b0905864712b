using System.Text.Json;

namespace PromptGen.Validation;

/// <summary>What <see cref="PartialJsonParser.Read"/> found in an answer still being written.</summary>
public sealed class PartialJson
{
    internal PartialJson(JsonElement value, IReadOnlyList<string> complete, IReadOnlyList<string> errors, bool isComplete)
    {
        Value = value;
        Complete = complete;
        Errors = errors;
        IsComplete = isComplete;
    }

    /// <summary>Gets the value so far (members not yet arrived are absent; a string being written as far as it has come); <c>default</c> (<see cref="JsonValueKind.Undefined"/>) before the value has started or when a complete part does not fit.</summary>
    public JsonElement Value { get; }

    /// <summary>Gets the JSON paths of the parts that are complete and will not change (<c>$</c> once the whole value is closed; a complete container's children are not listed again).</summary>
    public IReadOnlyList<string> Complete { get; }

    /// <summary>Gets the errors of complete parts that do not fit the schema (with path, line and column), phrased for a re-ask; empty when all is well so far.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Gets a value indicating whether the JSON value has been closed.</summary>
    public bool IsComplete { get; }
}
