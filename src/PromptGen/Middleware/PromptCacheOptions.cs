namespace PromptGen;

/// <summary>
/// Response caching of a call, a method (<c>[Cache]</c>) or every call (<see cref="PromptGenOptions.Cache"/>): a
/// successful, validated answer is kept for <see cref="Duration"/> under a fingerprint of everything that determines it
/// (models, messages with image hashes, chat options, schema, rules), and the same request is answered from the cache
/// without calling the provider. In memory by default; shared by every instance when a distributed cache (PromptGen.Redis)
/// is registered. See docs/scale-out.md.
/// </summary>
public sealed record PromptCacheOptions
{
    /// <summary>Gets options that switch caching off for a call whose method or configuration turns it on.</summary>
    public static PromptCacheOptions Disabled { get; } = new() { Duration = TimeSpan.Zero };

    /// <summary>Gets or sets how long an answer is kept. Zero switches caching off. Default: one hour.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets a value indicating whether answers are cached (a positive <see cref="Duration"/>).</summary>
    public bool Enabled => Duration > TimeSpan.Zero;

    /// <summary>Returns the problems of these options (a negative duration), each with how to fix it.</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate() =>
        Duration < TimeSpan.Zero ? [$"Cache:Duration is {Duration}; it must be zero (off) or positive, for example 00:10:00."] : [];
}
