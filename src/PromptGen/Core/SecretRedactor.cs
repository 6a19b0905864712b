using System.Collections.Concurrent;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace PromptGen;

/// <summary>
/// The one redactor of PromptGen and its tools: removes every configured secret, by value, from any text passed on
/// (exception messages, trace records, debug timelines, logs, telemetry, console output, reports). It knows the API
/// key of every provider (whatever the name of its variable or the shape of the key), the credentials written in base
/// URLs (<c>http://user:pass@host</c>), and any value added with <see cref="Add(string?)"/> (for example header values);
/// each also in its JSON-, HTML- and URL-escaped forms. Anything shaped like a bearer token, a provider key or URL
/// credentials is removed too.
/// </summary>
public sealed partial class SecretRedactor
{
    // Shorter values would blank ordinary words; credentials inside URLs are removed by shape whatever their length.
    private const int MinimumLength = 6;

    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);
    private volatile string[] _longestFirst = [];

    /// <summary>Adds a secret value; it and its escaped forms are replaced by <see cref="Secret.Redacted"/> from now on.</summary>
    /// <param name="value">The value (values shorter than 6 characters are ignored).</param>
    public void Add(string? value)
    {
        if (value is null || value.Trim().Length < MinimumLength)
        {
            return;
        }

        var added = false;
        foreach (var form in (string[])[value, value.Trim(), JavaScriptEncoder.Default.Encode(value), JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(value),
                     HtmlEncoder.Default.Encode(value), WebUtility.HtmlEncode(value), Uri.EscapeDataString(value)])
        {
            added |= _known.TryAdd(form, 0);
        }

        if (added)
        {
            _longestFirst = [.. _known.Keys.OrderByDescending(k => k.Length)];
        }
    }

    /// <summary>Adds a secret.</summary>
    /// <param name="secret">The secret, if any.</param>
    public void Add(Secret? secret) => Add(secret?.Reveal());

    /// <summary>Adds the user name and password written in a URL (<c>https://user:pass@host</c>), if any.</summary>
    /// <param name="url">The URL text, if any.</param>
    public void AddUrlCredentials(string? url)
    {
        if (url is null || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0)
        {
            return;
        }

        Add(uri.UserInfo);
        Add(Uri.UnescapeDataString(uri.UserInfo));
        foreach (var part in uri.UserInfo.Split(':'))
        {
            Add(part);
            Add(Uri.UnescapeDataString(part));
        }
    }

    /// <summary>Returns <paramref name="text"/> with every known secret and anything key-shaped replaced by <see cref="Secret.Redacted"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The redacted text (empty for <see langword="null"/>).</returns>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (var secret in _longestFirst)
        {
            text = text.Replace(secret, Secret.Redacted, StringComparison.Ordinal);
        }

        text = UrlCredentials().Replace(text, Secret.Redacted);
        return KeyShaped().Replace(text, Secret.Redacted);
    }

    /// <summary>
    /// How much of <paramref name="text"/> can be redacted and passed on now when more text may follow: everything
    /// but the longest ending that could be the start of a known secret (streamed output holds that back).
    /// </summary>
    /// <param name="text">The text seen so far.</param>
    /// <returns>The number of leading characters that are safe to redact and emit.</returns>
    public int SafeLength(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var held = 0;
        foreach (var secret in _longestFirst)
        {
            for (var length = Math.Min(secret.Length - 1, text.Length); length > held; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(secret.AsSpan(0, length)))
                {
                    held = length;
                    break;
                }
            }
        }

        return text.Length - held;
    }

    // Bearer tokens and the common provider key shapes (sk-..., sk-ant-..., gsk_..., AIza...).
    [GeneratedRegex(@"(?<=Bearer\s+)[A-Za-z0-9._~+/=-]{8,}|\b(?:sk-(?:ant-)?[A-Za-z0-9_-]{8,}|gsk_[A-Za-z0-9]{8,}|AIza[A-Za-z0-9_-]{20,})", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShaped();

    // The user-information part of a URL: scheme://user:pass@host or scheme://token@host.
    [GeneratedRegex(@"(?<=\b[A-Za-z][A-Za-z0-9+.-]*://)[^\s/?#@""'<>]+(?=@)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentials();
}
