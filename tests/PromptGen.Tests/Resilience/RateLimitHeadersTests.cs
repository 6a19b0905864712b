using System.Net;

namespace PromptGen.Tests.Resilience;

public class RateLimitHeadersTests
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Theory]
    [InlineData("retry-after-ms", "1500", 1500)]
    [InlineData("Retry-After", "7", 7000)]
    [InlineData("x-ratelimit-reset-requests", "6m0s", 360000)]
    [InlineData("x-ratelimit-reset-tokens", "20ms", 20)]
    [InlineData("x-ratelimit-reset-requests", "1.5s", 1500)]
    [InlineData("anthropic-ratelimit-requests-reset", "2025-01-02T03:04:15Z", 10000)]
    public void Each_header_gives_the_wait(string header, string value, double milliseconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation(header, value);

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RateLimitHeaders.RetryAfter(response.Headers, s_now));
    }

    [Fact]
    public void Retry_after_wins_over_reset_headers_and_the_longest_reset_wins_among_them()
    {
        using var both = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        both.Headers.TryAddWithoutValidation("Retry-After", "2");
        both.Headers.TryAddWithoutValidation("x-ratelimit-reset-requests", "30s");
        using var resets = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        resets.Headers.TryAddWithoutValidation("x-ratelimit-reset-requests", "3s");
        resets.Headers.TryAddWithoutValidation("x-ratelimit-reset-tokens", "1m");

        Assert.Equal(TimeSpan.FromSeconds(2), RateLimitHeaders.RetryAfter(both.Headers, s_now));
        Assert.Equal(TimeSpan.FromMinutes(1), RateLimitHeaders.RetryAfter(resets.Headers, s_now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("s")]
    public void Unreadable_durations_are_no_wait(string? text) => Assert.Null(RateLimitHeaders.ParseDuration(text));

    [Fact]
    public void A_response_without_headers_names_no_wait()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        Assert.Null(RateLimitHeaders.RetryAfter(response.Headers, s_now));
    }
}
