namespace PromptGen;

/// <summary>
/// Fits an image to a provider's <see cref="ImageLimits"/>. The core's default only checks the limits and fails with a
/// clear error when an image is over them; <c>PromptGen.ImageSharp</c> (<c>.AddImageSharp()</c>) downscales, applies
/// EXIF orientation, strips metadata, converts rejected formats and re-encodes to meet the byte budget.
/// </summary>
public interface IImageOptimizer
{
    /// <summary>Returns the image, or a re-encoded copy, within <paramref name="limits"/>. Must not write files; should be deterministic.</summary>
    /// <param name="image">The image as loaded, with its detected format.</param>
    /// <param name="limits">The limits of the provider the image is sent to.</param>
    /// <param name="source">Where the image came from (parameter and source), for error messages.</param>
    /// <param name="cancellationToken">A token to cancel the work.</param>
    /// <returns>An image within the limits.</returns>
    /// <exception cref="PromptImageException">The image is corrupt or cannot be brought within the limits.</exception>
    ValueTask<EncodedImage> FitAsync(EncodedImage image, ImageLimits limits, string source, CancellationToken cancellationToken);
}
