namespace PromptGen;

/// <summary>How an attempt ended.</summary>
public enum AttemptOutcome
{
    /// <summary>The provider answered and the answer was accepted.</summary>
    Succeeded,

    /// <summary>The provider answered but the answer failed validation.</summary>
    Invalid,

    /// <summary>The attempt failed with an error; see <see cref="AttemptRecord.ErrorKind"/>.</summary>
    Failed,

    /// <summary>The attempt was skipped without a request (for example, an open circuit).</summary>
    Skipped,
}
