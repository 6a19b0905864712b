using System.Threading.RateLimiting;

namespace PromptGen;

/// <summary>A lease of a fixed-window budget: acquired, or refused with when the window ends.</summary>
internal sealed class WindowLease : RateLimitLease
{
    private readonly TimeSpan? _retryAfter;

    private WindowLease(bool acquired, TimeSpan? retryAfter)
    {
        IsAcquired = acquired;
        _retryAfter = retryAfter;
    }

    /// <summary>Gets an acquired lease (nothing to release: a fixed window refills when it ends).</summary>
    public static WindowLease Acquired { get; } = new(true, null);

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    /// <summary>A refused lease whose next permit is due in <paramref name="retryAfter"/>.</summary>
    public static WindowLease Refused(TimeSpan retryAfter) => new(false, retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.Zero);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (_retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = wait;
            return true;
        }

        metadata = null;
        return false;
    }
}
