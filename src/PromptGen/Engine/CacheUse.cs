namespace PromptGen;

/// <summary>How one routed call uses the response cache of <see cref="PromptCacheOptions"/>.</summary>
internal enum CacheUse
{
    /// <summary>Neither looks up nor stores (re-asks, judge calls).</summary>
    None,

    /// <summary>Looks up; the caller stores the answer once it has validated it (the executor).</summary>
    LookupOnly,

    /// <summary>Looks up, and stores a successful answer (router calls and streams, which have no rules).</summary>
    LookupAndStore,
}
