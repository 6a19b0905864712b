namespace PromptGen;

/// <summary>
/// What the HTTP layer saw during one attempt, flowed to <see cref="ProviderHttpHandler"/> through an
/// <see cref="AsyncLocal{T}"/> so errors are classified from the raw status and headers, whatever the SDK makes of them.
/// Each <see cref="RouteAttempt"/> is its own context (one object per attempt, not two).
/// </summary>
internal class AttemptContext
{
    private static readonly AsyncLocal<AttemptContext?> s_current = new();

    public static AttemptContext? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    /// <summary>Gets or sets the failed HTTP response of the attempt, if there was one.</summary>
    public HttpFailure? Failure { get; set; }

    /// <summary>Gets or sets the number of HTTP requests sent during the attempt.</summary>
    public int Requests { get; set; }
}

/// <summary>A non-success HTTP response from a provider, with the provider's own error message (secrets redacted).</summary>
internal sealed record HttpFailure(int StatusCode, TimeSpan? RetryAfter, string? ProviderMessage, string? ErrorCode);
