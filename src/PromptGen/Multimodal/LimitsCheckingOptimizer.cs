using System.Globalization;

namespace PromptGen;

/// <summary>
/// The core's <see cref="IImageOptimizer"/> when no real one is registered: passes images through unchanged when they are
/// within the limits and fails with a clear error when they are not (it cannot resize or convert).
/// </summary>
internal sealed class LimitsCheckingOptimizer : IImageOptimizer
{
    public static readonly LimitsCheckingOptimizer Instance = new();

    private const string Fix = "Register an image optimizer to fit images automatically (services.AddPromptGen(...).AddImageSharp() from the PromptGen.ImageSharp package), or";

    public ValueTask<EncodedImage> FitAsync(EncodedImage image, ImageLimits limits, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(limits);
        if (!limits.Accepts(image.Format))
        {
            throw new PromptImageException($"{source} is {image.Format}, which this model does not accept (it takes {string.Join(", ", limits.Formats)}). {Fix} convert the image first.");
        }

        if (image.Data.Length > limits.MaxBytes)
        {
            throw new PromptImageException(string.Create(CultureInfo.InvariantCulture, $"{source} is {image.Data.Length:N0} bytes; this model takes at most {limits.MaxBytes:N0} bytes per image. {Fix} shrink the image first."));
        }

        if (image.Width > limits.MaxWidth || image.Height > limits.MaxHeight)
        {
            throw new PromptImageException(string.Create(CultureInfo.InvariantCulture, $"{source} is {image.Width}×{image.Height} pixels; this model takes at most {limits.MaxWidth}×{limits.MaxHeight}. {Fix} downscale the image first."));
        }

        return ValueTask.FromResult(image);
    }
}
