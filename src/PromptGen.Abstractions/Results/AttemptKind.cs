namespace PromptGen;

/// <summary>Why an attempt was made.</summary>
public enum AttemptKind
{
    /// <summary>The first attempt on the primary model.</summary>
    Primary,

    /// <summary>A transport retry on the same model after a transient error.</summary>
    Retry,

    /// <summary>An attempt on a fallback model after the previous model failed.</summary>
    Fallback,

    /// <summary>A re-ask of the model after its answer failed validation.</summary>
    Reask,

    /// <summary>A call to a judge model grading an answer.</summary>
    Judge,

    /// <summary>An attempt on a stronger model chosen by staged escalation.</summary>
    Escalation,

    /// <summary>
    /// The answer came from the response cache (<c>[Cache]</c>, <c>PromptCallOptions.Cache</c>): no request was sent; the
    /// record's model is the one that gave the cached answer.
    /// </summary>
    Cached,
}
