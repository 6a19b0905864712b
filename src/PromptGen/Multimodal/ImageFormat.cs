namespace PromptGen;

/// <summary>An image format PromptGen detects from the content (magic bytes), never from a file extension.</summary>
public enum ImageFormat
{
    /// <summary>PNG (<c>image/png</c>).</summary>
    Png,

    /// <summary>JPEG (<c>image/jpeg</c>).</summary>
    Jpeg,

    /// <summary>GIF (<c>image/gif</c>).</summary>
    Gif,

    /// <summary>WebP (<c>image/webp</c>).</summary>
    WebP,

    /// <summary>BMP (<c>image/bmp</c>).</summary>
    Bmp,

    /// <summary>TIFF (<c>image/tiff</c>).</summary>
    Tiff,
}
