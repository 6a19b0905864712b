namespace PromptGen.Generators.Models;

/// <summary>How a parameter (or a collection item) renders into a template.</summary>
internal enum ValueKind
{
    /// <summary>A <see cref="System.Threading.CancellationToken"/>: passed to the executor, never rendered.</summary>
    CancellationToken,

    /// <summary>A <c>PromptGen.PromptCallOptions</c>: the caller's per-call options, passed to the executor, never rendered.</summary>
    CallOptions,

    /// <summary>A <c>string</c>: appended as is.</summary>
    Text,

    /// <summary>An <see cref="System.IFormattable"/>: formatted with the invariant culture and the placeholder's format.</summary>
    Formattable,

    /// <summary>A collection (not a string): one item per line, as <c>- item</c>.</summary>
    Collection,

    /// <summary>A <c>PromptGen.PromptImage</c>: attached to the message, never rendered as text.</summary>
    Image,

    /// <summary>A collection of <c>PromptGen.PromptImage</c>: each attached in order.</summary>
    Images,

    /// <summary>Anything else: rendered with <c>ToString()</c>.</summary>
    Other,
}
