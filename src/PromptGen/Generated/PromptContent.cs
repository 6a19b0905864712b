using Microsoft.Extensions.AI;

namespace PromptGen.Generated;

/// <summary>
/// Builds message content parts for generated callers: text and image parameters in template order. Image parts are
/// <see cref="PromptImageContent"/>; the router loads, fits and formats them for each model it tries.
/// </summary>
/// <example>
/// A template <c>"Compare {before} with {after}: what changed?"</c> with two <see cref="PromptImage"/> parameters becomes:
/// <code>
/// new ChatMessage(ChatRole.User, [
///     PromptContent.Text("Compare "), PromptContent.Image(before, "before"),
///     PromptContent.Text(" with "), PromptContent.Image(after, "after"),
///     PromptContent.Text(": what changed?")]);
/// </code>
/// </example>
public static class PromptContent
{
    /// <summary>A text part.</summary>
    /// <param name="text">The rendered text.</param>
    /// <returns>The part.</returns>
    public static AIContent Text(string text) => new TextContent(text);

    /// <summary>An image part from an image parameter.</summary>
    /// <param name="image">The image.</param>
    /// <param name="parameterName">The parameter name, for error messages.</param>
    /// <returns>The part.</returns>
    /// <exception cref="PromptImageException"><paramref name="image"/> is <see langword="null"/>.</exception>
    public static AIContent Image(PromptImage? image, string parameterName) =>
        image?.ToContent(parameterName) ?? throw new PromptImageException($"Image parameter '{parameterName}' is null. Pass a PromptImage (PromptImage.FromFile, FromUrl, FromBytes, FromStream or FromDataUri).") { Parameter = parameterName };

    /// <summary>One image part per element of a collection parameter, in order.</summary>
    /// <param name="images">The images.</param>
    /// <param name="parameterName">The parameter name; elements are named <c>name[i]</c> in error messages.</param>
    /// <returns>The parts.</returns>
    public static IEnumerable<AIContent> Images(IEnumerable<PromptImage?>? images, string parameterName)
    {
        var index = 0;
        foreach (var image in images ?? [])
        {
            yield return Image(image, $"{parameterName}[{index++}]");
        }
    }
}
