namespace PromptGen;

/// <summary>Which clock ended an attempt, if any.</summary>
internal enum TimeoutKind
{
    None,
    Attempt,
    Deadline,
}
