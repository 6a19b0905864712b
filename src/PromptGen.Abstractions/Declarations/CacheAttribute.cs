namespace PromptGen;

/// <summary>
/// Caches the successful, validated answers of a prompt method (or of every method of a prompt client) for a while: the
/// same request — same models, messages, images, options, schema and rules — is answered from the cache without calling
/// the provider, and its trace shows a <c>Cached</c> attempt. In memory by default; shared by every instance with
/// PromptGen.Redis. A caller can switch it off per call (<c>PromptCallOptions.Cache = PromptCacheOptions.Disabled</c>).
/// See docs/scale-out.md.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class CacheAttribute : Attribute
{
    /// <summary>Gets or sets how long an answer is kept, in minutes (added to <see cref="Seconds"/>).</summary>
    public double Minutes { get; set; }

    /// <summary>Gets or sets how long an answer is kept, in seconds (added to <see cref="Minutes"/>).</summary>
    public double Seconds { get; set; }
}
