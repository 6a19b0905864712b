namespace PromptGen;

/// <summary>Where a <see cref="PromptImage"/> comes from.</summary>
public enum ImageSourceKind
{
    /// <summary>A file on the local file system, read when the call is made.</summary>
    File,

    /// <summary>An http or https URL, passed through where the provider accepts URLs and downloaded otherwise.</summary>
    Url,

    /// <summary>Bytes in memory (from a byte array, a stream or a data URI).</summary>
    Bytes,
}
