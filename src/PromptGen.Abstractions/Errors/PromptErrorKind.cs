namespace PromptGen;

/// <summary>The kind of a prompt call failure. The retry policy decides by kind, never by message text.</summary>
public enum PromptErrorKind
{
    /// <summary>PromptGen is misconfigured: an unknown provider, a malformed model id or endpoint, a missing API key.</summary>
    Configuration,

    /// <summary>The provider is unavailable: HTTP 5xx, connection refused, a stream cut mid-way.</summary>
    Unavailable,

    /// <summary>The provider rate-limited the call (HTTP 429), possibly with a Retry-After.</summary>
    RateLimited,

    /// <summary>The provider rejected the credentials (HTTP 401 or 403).</summary>
    AuthenticationFailed,

    /// <summary>The provider rejected the request (HTTP 400, 404, 422): a wrong model name, an invalid parameter.</summary>
    BadRequest,

    /// <summary>The provider's content filter blocked the prompt or the answer.</summary>
    ContentFiltered,

    /// <summary>An attempt or the whole call exceeded its timeout.</summary>
    Timeout,

    /// <summary>The caller cancelled the call.</summary>
    Cancelled,

    /// <summary>The provider answered with a body PromptGen could not read (malformed JSON, an unexpected shape).</summary>
    InvalidResponse,

    /// <summary>The answer failed validation and the re-ask budget is exhausted.</summary>
    ValidationFailed,

    /// <summary>The circuit for the route is open; the call was not sent.</summary>
    CircuitOpen,

    /// <summary>An input of the call cannot be used as given (an image that is missing, unreadable, corrupt, unsupported or too large); not retried.</summary>
    InvalidInput,
}
