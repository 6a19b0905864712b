using Microsoft.Extensions.AI;

namespace PromptGen.Evaluation;

/// <summary>
/// Checks the images of a suite when it is loaded (so <c>--dry-run</c> sees them too) and turns them into image parts
/// at run time. A suite is a file people download and run in CI: image files must lie in the suite's folder (or below)
/// unless <c>--allow-images-outside</c> is given, and each must be an image by its content, checked by the runtime's one
/// <see cref="ImageLoader"/>: a text file named <c>.png</c> is an error, a PNG named <c>.txt</c> is sent as PNG.
/// </summary>
internal static class SuiteImages
{
    /// <summary>Returns the case with every image file reference replaced by its full, checked path.</summary>
    /// <exception cref="SuiteLoadException">An image is outside the suite's folder or not an image; the message names the suite, line, column and image.</exception>
    public static TestCase Resolve(TestCase testCase, bool allowOutside)
    {
        if (testCase.Messages.All(m => m.Images.Count == 0))
        {
            return testCase;
        }

        var messages = testCase.Messages.Select(m => m.Images.Count == 0 ? m : m with { Images = [.. m.Images.Select(i => ResolveOne(testCase, i, allowOutside))] });
        return testCase with { Messages = [.. messages] };
    }

    /// <summary>The chat messages of a case: text, and image parts the router loads through <see cref="ImageLoader"/>.</summary>
    public static List<ChatMessage> BuildMessages(TestCase testCase)
    {
        var messages = new List<ChatMessage>(testCase.Messages.Count);
        foreach (var message in testCase.Messages)
        {
            messages.Add(message.Images.Count == 0
                ? new ChatMessage(message.Role, message.Text)
                : new ChatMessage(message.Role, [new TextContent(message.Text), .. message.Images.Select((image, i) => Image(image).ToContent($"image {i + 1} of case '{testCase.Id}'"))]));
        }

        return messages;
    }

    private static PromptImage Image(string reference) =>
        IsUrl(reference) ? PromptImage.FromUrl(reference)
        : reference.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? PromptImage.FromDataUri(reference)
        : PromptImage.FromFile(reference);

    private static bool IsUrl(string reference) =>
        Uri.TryCreate(reference, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string ResolveOne(TestCase testCase, string reference, bool allowOutside)
    {
        if (IsUrl(reference))
        {
            return reference;
        }

        var where = $"case '{testCase.Id}': image '{reference}'";
        if (reference.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            Check(testCase, where, PromptImage.FromDataUri(reference));
            return reference;
        }

        var folder = Path.GetFullPath(testCase.SuiteDirectory);
        var candidates = new List<string> { Path.GetFullPath(reference, folder) };
        if (testCase.ImageDirectory is { } directory)
        {
            candidates.Add(Path.GetFullPath(Path.Combine(directory, Path.GetFileName(reference)), folder));
        }

        foreach (var candidate in candidates.Where(c => !allowOutside && !IsInside(c, folder)))
        {
            throw Error(testCase, $"{where} resolves to {candidate}, outside the suite's folder {folder}. A suite may only read images in its own folder (or below); "
                + "move the image there, or pass --allow-images-outside if you trust this suite.");
        }

        // A missing file stays that case's ERROR at run time (the runtime's loader names the full path), so one absent
        // image does not stop a whole suite; a file that is there must be an image.
        var found = candidates.FirstOrDefault(File.Exists);
        if (found is null)
        {
            return candidates[0];
        }

        Check(testCase, where, PromptImage.FromFile(found));
        return found;
    }

    private static void Check(TestCase testCase, string where, PromptImage image)
    {
        try
        {
            ImageLoader.LoadAsync(image.ToContent(), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (PromptImageException exception)
        {
            throw Error(testCase, $"{where}: {exception.Message}");
        }
    }

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static SuiteLoadException Error(TestCase testCase, string message) => SuiteErrors.At(testCase.File, testCase.Line, testCase.Column, message);
}
