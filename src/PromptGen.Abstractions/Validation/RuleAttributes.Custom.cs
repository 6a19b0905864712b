namespace PromptGen;

/// <summary>Runs a user-supplied validator, resolved from dependency injection by type.</summary>
/// <param name="validatorType">A type implementing the PromptGen response validator contract.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ValidateWithAttribute(Type validatorType) : ResponseRuleAttribute
{
    /// <summary>Gets the validator type.</summary>
    public Type ValidatorType { get; } = validatorType;
}

/// <summary>
/// An LLM-as-judge rule: a judge model grades the response against <see cref="Rubric"/> and returns a strict JSON verdict.
/// A judge that fails to answer is an error, never a silent pass or failure. Judges run last.
/// </summary>
/// <param name="rubric">What a good answer must satisfy, in plain language.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class JudgeAttribute(string rubric) : ResponseRuleAttribute
{
    /// <summary>Gets the rubric.</summary>
    public string Rubric { get; } = rubric;

    /// <summary>Gets or sets the judge model id; defaults to the configured judge model.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the minimum score (0–1) a verdict must carry to pass; <see cref="double.NaN"/> (default) uses only the verdict.</summary>
    public double MinimumScore { get; set; } = double.NaN;
}

/// <summary>Sets the re-ask budget: how many times the model is asked again, with the exact validation errors, after an invalid answer.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class ReaskAttribute : Attribute
{
    /// <summary>Gets or sets the maximum number of re-asks (default 2; 0 disables re-asking).</summary>
    public int MaxReasks { get; set; } = 2;
}
