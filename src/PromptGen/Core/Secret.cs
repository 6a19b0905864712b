namespace PromptGen;

/// <summary>
/// A credential that never prints itself: <see cref="ToString"/> returns a redacted marker. Call <see cref="Reveal"/>
/// only at the point where the value is handed to an SDK.
/// </summary>
public sealed class Secret
{
    /// <summary>The marker that replaces secrets in text.</summary>
    public const string Redacted = "***";

    private readonly string _value;

    /// <summary>Initializes a secret.</summary>
    /// <param name="value">The secret value.</param>
    public Secret(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary>Returns the secret value. Never log or format the result.</summary>
    /// <returns>The secret value.</returns>
    public string Reveal() => _value;

    /// <inheritdoc/>
    public override string ToString() => Redacted;
}
