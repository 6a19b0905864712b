namespace PromptGen;

/// <summary>How image inputs are loaded and which limits they are fitted to. Set on <see cref="PromptGenOptions.Images"/>.</summary>
public sealed class ImageOptions
{
    /// <summary>Gets or sets the largest image downloaded from a URL, in bytes. Default: 20 MiB.</summary>
    public long MaxDownloadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Gets or sets how long one image download may take. Default: 30 seconds.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the limits by provider name, replacing the built-in entries (see <c>docs/multimodal.md</c>). Case-insensitive.</summary>
    public IDictionary<string, ImageLimits> Limits { get; } = new Dictionary<string, ImageLimits>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Checks the settings, listing every problem at once.</summary>
    /// <exception cref="PromptConfigurationException">A setting is out of range.</exception>
    internal void Validate()
    {
        var errors = new List<string>();
        if (MaxDownloadBytes <= 0)
        {
            errors.Add($"PromptGen:Images:MaxDownloadBytes is {MaxDownloadBytes}; it must be positive, for example 20971520.");
        }

        if (DownloadTimeout <= TimeSpan.Zero)
        {
            errors.Add($"PromptGen:Images:DownloadTimeout is {DownloadTimeout}; it must be positive, for example '00:00:30'.");
        }

        foreach (var (provider, limits) in Limits)
        {
            if (limits.MaxBytes <= 0 || limits.MaxWidth <= 0 || limits.MaxHeight <= 0 || limits.MaxImages <= 0 || limits.Formats.Count == 0)
            {
                errors.Add($"PromptGen:Images:Limits:{provider} needs positive MaxBytes, MaxWidth, MaxHeight and MaxImages and at least one format.");
            }

            if (limits.MaxRequestBytes is <= 0)
            {
                errors.Add($"PromptGen:Images:Limits:{provider}:MaxRequestBytes is {limits.MaxRequestBytes}; leave it out for no request total, or give a positive number of bytes.");
            }
        }

        if (errors.Count > 0)
        {
            throw new PromptConfigurationException(string.Join(" ", errors));
        }
    }
}
