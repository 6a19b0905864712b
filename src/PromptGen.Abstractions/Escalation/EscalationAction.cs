namespace PromptGen;

/// <summary>What an <see cref="EscalationDecision"/> tells the runtime to do.</summary>
public enum EscalationAction
{
    /// <summary>Use the supplied answer as the call's result.</summary>
    Supply,

    /// <summary>Try again on another model.</summary>
    RetryWithModel,

    /// <summary>Try again with amended messages.</summary>
    RetryWithPrompt,

    /// <summary>Give up: the call fails with its last error.</summary>
    Fail,
}
