using Microsoft.Extensions.AI;

namespace PromptGen.Cli.TestRunner;

/// <summary>A case cannot be sent as written (a missing image); the case is an ERROR and the run goes on.</summary>
/// <param name="message">What is missing and where it was looked for.</param>
internal sealed class CaseSetupException(string message) : Exception(message);

/// <summary>Builds the chat messages of a case, loading image files relative to the suite file as <see cref="DataContent"/>.</summary>
internal static class CaseImages
{
    public static async Task<List<ChatMessage>> BuildMessagesAsync(TestCase testCase, CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage>(testCase.Messages.Count);
        foreach (var message in testCase.Messages)
        {
            if (message.Images.Count == 0)
            {
                messages.Add(new ChatMessage(message.Role, message.Text));
                continue;
            }

            var contents = new List<AIContent> { new TextContent(message.Text) };
            foreach (var image in message.Images)
            {
                contents.Add(await LoadAsync(testCase, image, cancellationToken).ConfigureAwait(false));
            }

            messages.Add(new ChatMessage(message.Role, contents));
        }

        return messages;
    }

    private static async Task<AIContent> LoadAsync(TestCase testCase, string reference, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(reference, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return new UriContent(uri, MediaType(uri.AbsolutePath));
        }

        if (reference.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return new DataContent(reference);
        }

        var suiteDirectory = testCase.SuiteDirectory;
        var candidates = new List<string> { Path.GetFullPath(reference, suiteDirectory) };
        if (testCase.ImageDirectory is { } directory)
        {
            candidates.Add(Path.GetFullPath(Path.Combine(directory, Path.GetFileName(reference)), suiteDirectory));
        }

        var found = candidates.FirstOrDefault(File.Exists)
            ?? throw new CaseSetupException($"image '{reference}' not found (looked for {string.Join(" and ", candidates)}); image paths are relative to the suite file");
        var bytes = await File.ReadAllBytesAsync(found, cancellationToken).ConfigureAwait(false);
        return new DataContent(bytes, MediaType(found));
    }

    private static string MediaType(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".PNG" => "image/png",
        ".JPG" or ".JPEG" => "image/jpeg",
        ".GIF" => "image/gif",
        ".WEBP" => "image/webp",
        _ => "application/octet-stream",
    };
}
