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

    /// <summary>Gets or sets the model judge rules use when they name none. Default: <see langword="null"/> (the call's default model).</summary>
    public string? JudgeModel { get; set; }
}
