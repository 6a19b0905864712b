namespace PromptGen;

/// <summary>Something that can stop a route's retries early (a staged-escalation threshold of the call).</summary>
internal interface IRetryInterrupt
{
    /// <summary>Gets why retrying should stop now, or <see langword="null"/> to go on.</summary>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    string? Interrupt();
}
