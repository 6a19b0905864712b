namespace PromptGen.Testing;

/// <summary>Failures the simulator can produce instead of a reply.</summary>
public enum SimulatorFault
{
    /// <summary>HTTP 429 with a <c>Retry-After</c> header (seconds; 1 unless given).</summary>
    RateLimited,

    /// <summary>HTTP 500.</summary>
    ServerError,

    /// <summary>HTTP 503.</summary>
    ServiceUnavailable,

    /// <summary>HTTP 401; the error message echoes the API key the client sent, so tests can prove it is redacted.</summary>
    Unauthorized,

    /// <summary>HTTP 400.</summary>
    BadRequest,

    /// <summary>HTTP 200 with a truncated JSON body.</summary>
    MalformedJson,

    /// <summary>A streaming reply that sends a couple of deltas, then aborts the connection (non-streaming: aborts mid-body).</summary>
    StreamCut,

    /// <summary>No answer until the client gives up or the simulator stops.</summary>
    Hang,

    /// <summary>A reply blocked by the content filter (OpenAI <c>finish_reason: content_filter</c>, Anthropic <c>stop_reason: refusal</c>).</summary>
    ContentFiltered,

    /// <summary>A streaming reply that sends a couple of deltas, then goes quiet until the client gives up (non-streaming: half a body, then silence).</summary>
    StreamStall,

    /// <summary>HTTP 529 <c>overloaded_error</c>, as Anthropic answers when its API is overloaded.</summary>
    Overloaded,
}
