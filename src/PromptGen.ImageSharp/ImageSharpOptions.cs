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

        if (errors.Count > 0)
        {
            throw new PromptConfigurationException(string.Join(" ", errors));
        }
    }
}
