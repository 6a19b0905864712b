using System.Globalization;
using System.Net.Http.Headers;

namespace PromptGen;

/// <summary>
/// Reads how long a provider asked callers to wait from a rate-limit (429) response: <c>retry-after-ms</c>, then
/// <c>Retry-After</c> (seconds or an HTTP date), then the reset headers (<c>x-ratelimit-reset-requests</c> /
/// <c>x-ratelimit-reset-tokens</c> as OpenAI's durations like <c>1s</c> or <c>6m0s</c>, <c>anthropic-ratelimit-*-reset</c>
/// as RFC 3339 instants), taking the longest reset. The retry policy and anything that throttles calls (the test runner's
/// shared back-off) read the same headers the same way.
/// </summary>
public static class RateLimitHeaders
{
    private static readonly string[] s_durationResets = ["x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"];

    private static readonly string[] s_instantResets = ["anthropic-ratelimit-requests-reset", "anthropic-ratelimit-tokens-reset", "anthropic-ratelimit-input-tokens-reset", "anthropic-ratelimit-output-tokens-reset"];

    /// <summary>Returns the wait a response asked for, or <see langword="null"/> when it named none.</summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="now">The current time, for headers that give an instant rather than a delay.</param>
    /// <returns>The wait (never negative), or <see langword="null"/>.</returns>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValues("retry-after-ms", out var ms) &&
            double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        switch (headers.RetryAfter)
        {
            case { Delta: { } delta }:
                return delta;
            case { Date: { } date }:
                return date - now is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        TimeSpan? longest = null;
        foreach (var name in s_durationResets)
        {
            if (headers.TryGetValues(name, out var values) && ParseDuration(values.FirstOrDefault()) is { } reset && (longest is null || reset > longest))
            {
                longest = reset;
            }
        }

        foreach (var name in s_instantResets)
        {
            if (headers.TryGetValues(name, out var values) &&
                DateTimeOffset.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var reset = at - now > TimeSpan.Zero ? at - now : TimeSpan.Zero;
                if (longest is null || reset > longest)
                {
                    longest = reset;
                }
            }
        }

        return longest;
    }

    /// <summary>Parses OpenAI's reset durations: <c>20ms</c>, <c>1s</c>, <c>1.5s</c>, <c>6m0s</c>, <c>1h2m3s</c>.</summary>
    /// <param name="text">The header value.</param>
    /// <returns>The duration, or <see langword="null"/> when the text is not one.</returns>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var span = text.AsSpan().Trim();
        var total = TimeSpan.Zero;
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || !double.TryParse(span[..digits], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            span = span[digits..];
            if (span.StartsWith("ms", StringComparison.Ordinal))
            {
                total += TimeSpan.FromMilliseconds(value);
                span = span[2..];
            }
            else if (span.StartsWith("h", StringComparison.Ordinal))
            {
                total += TimeSpan.FromHours(value);
                span = span[1..];
            }
            else if (span.StartsWith("m", StringComparison.Ordinal))
            {
                total += TimeSpan.FromMinutes(value);
                span = span[1..];
            }
            else if (span.StartsWith("s", StringComparison.Ordinal))
            {
                total += TimeSpan.FromSeconds(value);
                span = span[1..];
            }
            else
            {
                return null;
            }
        }

        return total;
    }
}
