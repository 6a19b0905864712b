using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace PromptGen;

/// <summary>
/// Removes secrets from any text PromptGen passes on (exception messages, trace records, logs): every API key the
/// router has resolved, plus anything shaped like a bearer token or a provider key.
/// </summary>
internal sealed partial class SecretRedactor
{
    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);

    public void Add(Secret? secret)
    {
        if (secret is not null && secret.Reveal().Length >= 4)
        {
            _known.TryAdd(secret.Reveal(), 0);
        }
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (var secret in _known.Keys)
        {
            text = text.Replace(secret, Secret.Redacted, StringComparison.Ordinal);
        }

        return KeyShaped().Replace(text, Secret.Redacted);
    }

    // Bearer tokens and the common provider key shapes (sk-..., sk-ant-..., gsk_..., AIza...).
    [GeneratedRegex(@"(?<=Bearer\s+)[A-Za-z0-9._~+/=-]{8,}|\b(?:sk-(?:ant-)?[A-Za-z0-9_-]{8,}|gsk_[A-Za-z0-9]{8,}|AIza[A-Za-z0-9_-]{20,})", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShaped();
}
