namespace PromptGen;

/// <summary>Settings of the ImageSharp image optimizer (<see cref="ImageSharpPromptGenBuilderExtensions.AddImageSharp"/>).</summary>
public sealed class ImageSharpOptions
{
    /// <summary>Gets or sets the JPEG (and lossy WebP) quality tried first; lower qualities are searched only when the image does not fit. Default: 85.</summary>
    public int Quality { get; set; } = 85;

    /// <summary>Gets or sets the lowest quality the search goes to before the image is downscaled further. Default: 40.</summary>
    public int MinQuality { get; set; } = 40;

    /// <summary>Gets or sets how many bytes of fitted images are kept in the in-memory cache (by content hash and limits). 0 turns the cache off. Default: 64 MiB.</summary>
    public long CacheBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Gets or sets the largest image, in pixels (width × height), the optimizer decodes; larger ones are refused with a
    /// clear error before any pixel memory is allocated (a small crafted file can claim gigapixels). Default: 64
    /// megapixels (256 MB decoded), above any camera photo a provider accepts after downscaling.
    /// </summary>
    public long MaxPixels { get; set; } = 64L * 1024 * 1024;

    /// <summary>Checks the settings, listing every problem at once.</summary>
    /// <exception cref="PromptConfigurationException">A setting is out of range.</exception>
    internal void Validate()
    {
        var errors = new List<string>();
        if (Quality is < 1 or > 100)
        {
            errors.Add($"ImageSharpOptions.Quality is {Quality}; use 1–100, for example 85.");
        }

        if (MinQuality < 1 || MinQuality > Quality)
        {
            errors.Add($"ImageSharpOptions.MinQuality is {MinQuality}; use 1–Quality ({Quality}), for example 40.");
        }

        if (CacheBytes < 0)
        {
            errors.Add($"ImageSharpOptions.CacheBytes is {CacheBytes}; use 0 (no cache) or more.");
        }

        if (MaxPixels < 1)
        {
            errors.Add($"ImageSharpOptions.MaxPixels is {MaxPixels}; use 1 or more, for example {64L * 1024 * 1024} (64 megapixels).");
        }

        if (errors.Count > 0)
        {
            throw new PromptConfigurationException(string.Join(" ", errors));
        }
    }
}
