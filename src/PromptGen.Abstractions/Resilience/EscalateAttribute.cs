namespace PromptGen;

/// <summary>
/// Configures staged escalation for a prompt method or client: after <see cref="SwitchModelAfter"/> failed attempts
/// the call switches to <see cref="StrongerModel"/>; after <see cref="AskHumanAfter"/> failed attempts the registered
/// escalation handler is asked for a decision.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class EscalateAttribute : Attribute
{
    /// <summary>Gets or sets the model id to switch to once <see cref="SwitchModelAfter"/> attempts have failed.</summary>
    public string? StrongerModel { get; set; }

    /// <summary>Gets or sets the number of failed attempts after which the stronger model is used (0 = never).</summary>
    public int SwitchModelAfter { get; set; }

    /// <summary>Gets or sets the number of failed attempts after which the escalation handler is invoked (0 = only when everything is exhausted).</summary>
    public int AskHumanAfter { get; set; }
}
