namespace PromptGen;

/// <summary>Validation settings: the re-ask budget and the default judge model.</summary>
public sealed class ValidationOptions
{
    /// <summary>The default re-ask budget.</summary>
    public const int DefaultMaxReasks = 2;

    /// <summary>
    /// Gets or sets how many times a model is asked again, with the exact errors, after an invalid answer. Separate from
    /// transport retries. A method's <see cref="ReaskAttribute"/> wins. Default: 2; 0 disables re-asking.
    /// </summary>
    public int MaxReasks { get; set; } = DefaultMaxReasks;

    /// <summary>
    /// Gets or sets how far an answer that is almost JSON is repaired and coerced before it counts as invalid (and is
    /// re-asked). A method's <c>PromptDescriptor.JsonPolicy</c> wins. Default: <see cref="PromptGen.Validation.JsonParsePolicy.RepairAndCoerce"/> —
    /// a valid answer (native structured output) passes through unchanged and free, and every change made to any other
    /// answer is recorded on the result and the trace, so nothing is silent.
    /// </summary>
    public PromptGen.Validation.JsonParsePolicy JsonPolicy { get; set; } = PromptGen.Validation.JsonParsePolicy.RepairAndCoerce;

    /// <summary>Gets or sets the model judge rules use when they name none. Default: <see langword="null"/> (the call's default model).</summary>
    public string? JudgeModel { get; set; }
}
