using System.Text.Json;

namespace PromptGen.Validation;

/// <summary>A field of the JSON answer must be present and not null (<see cref="RequiredFieldAttribute"/>, llm_call <c>field_present</c>).</summary>
public sealed class RequiredFieldRule : ResponseRule
{
    /// <summary>Initializes the rule.</summary>
    /// <param name="path">The field path, for example <c>user.address.city</c> or <c>items[0].name</c>.</param>
    /// <exception cref="ArgumentException">The path is malformed.</exception>
    public RequiredFieldRule(string path) => Path = FieldPath.Parse(path);

    /// <summary>Gets the field path.</summary>
    public FieldPath Path { get; }

    /// <summary>Gets the value the field must have, if any (llm_call <c>expected_value</c>); compared as JSON.</summary>
    public JsonElement? ExpectedValue { get; init; }

    /// <inheritdoc/>
    public override ValidationStage Stage => ValidationStage.Structural;

    /// <summary>Decided as soon as the field's value is complete, or a complete container lacks it.</summary>
    internal override string? PartialError(PartialAnswer answer) => Path.Decide(answer, out var value) switch
    {
        PartialField.Missing => Error($"The JSON answer must have the field '{Path}' with a non-null value; add it."),
        PartialField.Complete when value.ValueKind == JsonValueKind.Null => Error($"The JSON answer must have the field '{Path}' with a non-null value; add it."),
        PartialField.Complete when ExpectedValue is { } expected && !JsonElement.DeepEquals(value, expected) => Error($"The field '{Path}' must be {expected.GetRawText()}, not {Clip(value.GetRawText())}."),
        _ => null,
    };

    /// <inheritdoc/>
    public override ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Json.Success)
        {
            return Done(Fail($"The field '{Path}' is required, but the answer is not JSON: {context.Json.Error}"));
        }

        if (!Path.TryGet(context.Json.Value, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Done(Fail($"The JSON answer must have the field '{Path}' with a non-null value; add it."));
        }

        return Done(ExpectedValue is { } expected && !JsonElement.DeepEquals(value, expected)
            ? Fail($"The field '{Path}' must be {expected.GetRawText()}, not {Clip(value.GetRawText())}.")
            : ValidationResult.Valid);
    }
}
