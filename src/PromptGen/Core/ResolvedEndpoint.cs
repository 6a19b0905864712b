namespace PromptGen;

/// <summary>
/// A provider endpoint with every setting resolved (code → configuration → environment → defaults), handed to an
/// <see cref="IChatClientFactory"/> to create the <see cref="Microsoft.Extensions.AI.IChatClient"/> for a model.
/// </summary>
public sealed class ResolvedEndpoint
{
    /// <summary>Gets the provider name, for example <c>openai</c> or <c>ollama</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>Gets the wire protocol (see <see cref="ProviderKinds"/>).</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the base URL, or <see langword="null"/> for providers that are not reached over HTTP (Claude Code).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Gets the API key, when one was found.</summary>
    public Secret? ApiKey { get; init; }

    /// <summary>Gets the timeout of one attempt.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Gets the default maximum number of output tokens.</summary>
    public required int MaxOutputTokens { get; init; }

    /// <summary>Gets how structured output is requested.</summary>
    public required StructuredOutputMode StructuredOutput { get; init; }

    /// <summary>
    /// Gets the HTTP client to use. It maps provider errors to PromptGen's typed errors and has no timeout of its own
    /// (PromptGen enforces <see cref="Timeout"/>); SDKs must use it and switch their own retries off.
    /// </summary>
    public required HttpClient HttpClient { get; init; }

    /// <summary>Gets where each setting came from, for example <c>BaseUrl</c> → <c>environment variable OPENAI_BASE_URL</c>.</summary>
    public required IReadOnlyDictionary<string, string> Sources { get; init; }

    /// <summary>
    /// Gets the redactor shared by the router: providers that produce their own error texts (Claude Code) pass them
    /// through it, and add any secret they hand to a process of their own.
    /// </summary>
    public SecretRedactor Redactor { get; init; } = new();

    /// <summary>Gets the base URL with any user information and query removed, safe to show.</summary>
    public string DisplayUrl => BaseUrl is null ? "(local process)" : BaseUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
}
