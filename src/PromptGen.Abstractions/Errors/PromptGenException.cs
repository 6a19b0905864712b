namespace PromptGen;

/// <summary>
/// Base class of every failure PromptGen reports. The message says what failed, where (model id, provider, endpoint)
/// and how to fix it; secrets are never part of it. <see cref="Trace"/> holds every attempt made before the failure.
/// </summary>
public abstract class PromptGenException : Exception
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="message">What failed, where, and how to fix it.</param>
    /// <param name="innerException">The underlying error, if any (already free of secrets).</param>
    protected PromptGenException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the kind of failure.</summary>
    public abstract PromptErrorKind Kind { get; }

    /// <summary>Gets a value indicating whether retrying the same model later may succeed.</summary>
    public virtual bool IsTransient => false;

    /// <summary>Gets the canonical model id the failure concerns, when known.</summary>
    public string? ModelId { get; set; }

    /// <summary>Gets the provider name the failure concerns, when known.</summary>
    public string? Provider { get; set; }

    /// <summary>Gets the endpoint the failure concerns, when known (no credentials, no query string).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Gets the HTTP status code the provider returned, when there was one.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Gets the attempt log of the call up to the failure.</summary>
    public PromptTrace Trace { get; private set; } = PromptTrace.Empty;

    /// <summary>Gets the failures of fallback models tried after the primary failed, in order.</summary>
    public IReadOnlyList<PromptGenException> FallbackFailures { get; private set; } = [];

    /// <inheritdoc/>
    public override string Message
    {
        get
        {
            if (FallbackFailures.Count == 0)
            {
                return base.Message;
            }

            var hops = string.Join("; ", FallbackFailures.Select(f => $"'{f.ModelId}' ({f.Kind}): {f.BaseMessage}"));
            return $"{base.Message} Fallbacks also failed: {hops}.";
        }
    }

    private string BaseMessage => base.Message;

    /// <summary>Attaches the attempt log and the fallback failures; called once by the runtime when the call ends.</summary>
    /// <param name="trace">The attempt log.</param>
    /// <param name="fallbackFailures">The failures of fallback models, in order.</param>
    /// <returns>This exception.</returns>
    public PromptGenException WithTrace(PromptTrace trace, IReadOnlyList<PromptGenException>? fallbackFailures = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        Trace = trace;
        FallbackFailures = fallbackFailures ?? [];
        return this;
    }
}
