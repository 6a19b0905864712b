using Microsoft.Extensions.DependencyInjection;

namespace PromptGen;

/// <summary>Registers the ImageSharp image optimizer.</summary>
public static class ImageSharpPromptGenBuilderExtensions
{
    /// <summary>
    /// Fits every image input to the limits of the provider it is sent to: downscales keeping the aspect ratio, applies
    /// EXIF orientation, strips metadata, converts formats the provider rejects and searches the encoder quality to meet
    /// the byte budget, keeping PNG for transparency and sharp-edged graphics when it fits. Output is deterministic and
    /// cached in memory by content hash; nothing is written to disk.
    /// </summary>
    /// <param name="builder">The PromptGen builder.</param>
    /// <param name="configure">Adjusts the optimizer settings.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="PromptConfigurationException">A setting is out of range.</exception>
    public static PromptGenBuilder AddImageSharp(this PromptGenBuilder builder, Action<ImageSharpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ImageSharpOptions();
        configure?.Invoke(options);
        options.Validate();
        builder.Services.AddSingleton<IImageOptimizer>(new ImageSharpImageOptimizer(options));
        return builder;
    }
}
