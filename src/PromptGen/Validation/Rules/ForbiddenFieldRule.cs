using System.Text.Json;

namespace PromptGen.Validation;

/// <summary>
/// A field of the JSON answer must be absent or null (<see cref="ForbiddenFieldAttribute"/>, llm_call <c>field_present</c>
/// with <c>"present": false</c>). An answer that is not JSON has no fields and passes; pair with <see cref="JsonRule"/>.
/// </summary>
public sealed class ForbiddenFieldRule : ResponseRule
{
    /// <summary>Initializes the rule.</summary>
    /// <param name="path">The field path, for example <c>debug</c> or <c>items[0].internal</c>.</param>
    /// <exception cref="ArgumentException">The path is malformed.</exception>
    public ForbiddenFieldRule(string path) => Path = FieldPath.Parse(path);

    /// <summary>Gets the field path.</summary>
    public FieldPath Path { get; }

    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Structural;

    /// <summary>Decided as soon as the field's value is complete and not null.</summary>
    internal override string? PartialError(PartialAnswer answer) =>
        Path.Decide(answer, out var value) == PartialField.Complete && value.ValueKind != JsonValueKind.Null
            ? Error($"The JSON answer must not have the field '{Path}'; remove it.")
            : null;

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Done(context.Json.Success && Path.IsPresent(context.Json.Value)
            ? Fail($"The JSON answer must not have the field '{Path}'; remove it.")
            : ValidationResult.Valid);
    }
}
