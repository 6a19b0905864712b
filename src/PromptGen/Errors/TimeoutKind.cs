namespace PromptGen;

/// <summary>Which clock ended an attempt, if any.</summary>
internal enum TimeoutKind
{
    None,

    /// <summary>The attempt timeout (the provider's, or the call's <see cref="PromptCallOptions.AttemptTimeout"/>).</summary>
    Attempt,

    /// <summary>The call's overall deadline.</summary>
    Deadline,

    /// <summary>A streamed attempt's first content did not arrive in time.</summary>
    FirstToken,

    /// <summary>A streamed attempt went quiet between two updates for too long.</summary>
    Idle,
}
