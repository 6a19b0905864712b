namespace PromptGen.Validation;

/// <summary>
/// Base class of the built-in rules. Generated callers create them directly (<c>new global::PromptGen.Validation.XxxRule(...)</c>)
/// in a method's <see cref="Generated.PromptDescriptor"/>; llm_call suites get them from <see cref="LlmCallRuleParser"/>.
/// </summary>
public abstract class ResponseRule : IResponseValidator
{
    /// <summary>Gets the stage the rule runs in.</summary>
    public abstract ValidationStage Stage { get; }

    /// <summary>Gets a message sent to the model instead of the rule's own when it fails (the attribute's <c>Message</c>).</summary>
    public string? Message { get; init; }

    /// <inheritdoc/>
    public abstract ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Checks an answer still being written (a typed partial stream): the error when a complete part already breaks the
    /// rule, so the stream stops and re-asks at once; <see langword="null"/> when the rest of the answer could still
    /// change the outcome. Rules that need the whole value keep this default and run at the end.
    /// </summary>
    /// <param name="answer">The answer so far.</param>
    /// <returns>The error sent to the model, or <see langword="null"/>.</returns>
    internal virtual string? PartialError(PartialAnswer answer) => null;

    /// <summary>The error sent to the model: <see cref="Message"/> when set, else <paramref name="error"/>.</summary>
    /// <param name="error">The rule's own description of the failure.</param>
    /// <returns>The error text.</returns>
    private protected string Error(string error) => Message ?? error;

    /// <summary>Returns a failure with <see cref="Message"/> when set, else <paramref name="error"/>.</summary>
    /// <param name="error">The rule's own description of the failure.</param>
    /// <returns>The failed result.</returns>
    protected ValidationResult Fail(string error) => ValidationResult.Fail(Message ?? error);

    /// <summary>Returns the result as a completed task.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The completed task.</returns>
    protected static ValueTask<ValidationResult> Done(ValidationResult result) => ValueTask.FromResult(result);

    /// <summary>Clips untrusted text for an error message: the model's own words are quoted, never followed.</summary>
    /// <param name="text">The text.</param>
    /// <param name="max">The maximum length.</param>
    /// <returns>The clipped text.</returns>
    protected static string Clip(string text, int max = 80)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
    }
}
