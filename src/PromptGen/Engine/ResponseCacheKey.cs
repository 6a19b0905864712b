using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>
/// The key of a cached answer: a SHA-256 fingerprint of everything that determines the answer — the models of the chain
/// in order, the messages (images by the hash of their bytes), the chat options (sampling, response format and schema,
/// extra properties) and the method's rules version — behind a readable prefix with the primary model. Built with
/// <see cref="AIJsonUtilities.HashDataToString"/>, as Microsoft.Extensions.AI's caching client builds its keys. Nothing in
/// it is a secret: API keys, headers and endpoints never enter the fingerprint, and the fingerprint is one-way.
/// </summary>
internal static class ResponseCacheKey
{
    /// <summary>The prefix of every key; bump the version when the fingerprint's input changes.</summary>
    public const string Prefix = "promptgen:answer:v1:";

    /// <summary>The key, or <see langword="null"/> with the reason when the request cannot be cached (tools, an unknown content).</summary>
    public static (string? Key, string? Unsupported) Compute(
        IReadOnlyList<ModelRoute> chain,
        IList<ChatMessage> messages,
        Func<PromptImageContent, string> imageHash,
        ChatOptions? options,
        string? scope)
    {
        if (options is { Tools.Count: > 0 } or { RawRepresentationFactory: not null })
        {
            return (null, "calls with tools or a raw request factory are not cached");
        }

        var models = string.Join(",", chain.Select(r => r.Id.Canonical));
        IList<ChatMessage> fingerprinted = messages;
        if (ImageResolver.HasImages(messages))
        {
            // Images enter the fingerprint by the hash of their loaded bytes (or their URL), never by file path alone.
            fingerprinted = [.. messages.Select(m => new ChatMessage(m.Role, [.. m.Contents.Select(c => c is PromptImageContent image ? new TextContent("image:" + imageHash(image)) : c)]) { AuthorName = m.AuthorName })];
        }

        try
        {
            var hash = AIJsonUtilities.HashDataToString([models, fingerprinted, options, scope], AIJsonUtilities.DefaultOptions);
            return (Prefix + chain[0].Id.Canonical + ":" + hash, null);
        }
        catch (NotSupportedException error)
        {
            return (null, "a message content cannot be fingerprinted: " + error.Message);
        }
    }
}
