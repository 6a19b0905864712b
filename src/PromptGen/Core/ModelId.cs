using System.Diagnostics.CodeAnalysis;

namespace PromptGen;

/// <summary>
/// A parsed model id: <c>provider/model[@endpoint]</c>, <c>runpod/{pod}/{model}</c>, or the Claude Code forms
/// <c>max/*</c>, <c>max</c>, <c>opus</c> and <c>claude-code/*</c> (all normalized to provider <c>max</c>).
/// Aliases are resolved by the router before parsing.
/// </summary>
public sealed record ModelId
{
    private ModelId(string provider, string model, string? pod, string? endpoint, string original)
    {
        Provider = provider;
        Model = model;
        Pod = pod;
        Endpoint = endpoint;
        Original = original;
        Canonical = (pod is null ? $"{provider}/{model}" : $"{provider}/{pod}/{model}") + (endpoint is null ? string.Empty : "@" + endpoint);
    }

    /// <summary>The provider name Claude Code ids normalize to.</summary>
    public const string ClaudeCodeProvider = "max";

    /// <summary>Gets the provider name, lower case (for example <c>openai</c>).</summary>
    public string Provider { get; }

    /// <summary>Gets the model name as the provider knows it (for example <c>gpt-4o-mini</c> or <c>meta-llama/llama-3.3-70b</c>).</summary>
    public string Model { get; }

    /// <summary>Gets the RunPod pod id for <c>runpod/{pod}/{model}</c> ids.</summary>
    public string? Pod { get; }

    /// <summary>Gets the endpoint after <c>@</c>: a configured provider name or an absolute http(s) URL.</summary>
    public string? Endpoint { get; }

    /// <summary>Gets the id as written.</summary>
    public string Original { get; }

    /// <summary>Gets the canonical form, <c>provider/model</c> (plus <c>@endpoint</c> when given).</summary>
    public string Canonical { get; }

    /// <summary>Parses a model id.</summary>
    /// <param name="id">The id, for example <c>openai/gpt-4o-mini</c>.</param>
    /// <returns>The parsed id.</returns>
    /// <exception cref="PromptConfigurationException">The id is empty or malformed; the message names the id and the fix.</exception>
    public static ModelId Parse(string? id) =>
        TryParse(id, out var result, out var error) ? result : throw new PromptConfigurationException(error) { ModelId = id };

    /// <summary>Tries to parse a model id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="result">The parsed id, when successful.</param>
    /// <param name="error">What is wrong and how to fix it, when not.</param>
    /// <returns><see langword="true"/> when <paramref name="id"/> is well formed.</returns>
    public static bool TryParse(string? id, [NotNullWhen(true)] out ModelId? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            error = "The model id is empty. Write 'provider/model', for example 'openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5' or 'max/opus', or set PromptGen:DefaultModel.";
            return false;
        }

        var text = id.Trim();
        if (text.Any(char.IsWhiteSpace))
        {
            error = $"The model id '{id}' contains whitespace. Write 'provider/model' with no spaces, for example 'openai/gpt-4o-mini'.";
            return false;
        }

        string? endpoint = null;
        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            endpoint = text[(at + 1)..];
            text = text[..at];
            if (endpoint.Length == 0)
            {
                error = $"The model id '{id}' ends with '@' but names no endpoint. Write 'provider/model@name' with a provider entry from PromptGen:Providers, or 'provider/model@https://host/v1'.";
                return false;
            }

            if (endpoint.Contains("://", StringComparison.Ordinal) && !IsHttpUrl(endpoint))
            {
                error = $"The endpoint '{endpoint}' in model id '{id}' is not an absolute http or https URL. Write for example 'openai/my-model@http://localhost:8000/v1'.";
                return false;
            }
        }

        var lower = text.ToLowerInvariant();
        if (lower is "max" or "claude-code")
        {
            result = new ModelId(ClaudeCodeProvider, "default", null, endpoint, id);
            error = null;
            return true;
        }

        if (lower is "opus" or "sonnet" or "haiku")
        {
            result = new ModelId(ClaudeCodeProvider, lower, null, endpoint, id);
            error = null;
            return true;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            error = $"The model id '{id}' names no provider. Write 'provider/{text}' (for example 'openai/{text}' or 'ollama/{text}'), or define '{text}' under PromptGen:Aliases.";
            return false;
        }

        var provider = lower[..slash];
        var model = text[(slash + 1)..];
        if (provider.Length == 0)
        {
            error = $"The model id '{id}' has an empty provider before '/'. Write 'provider/model', for example 'openai{text}'.";
            return false;
        }

        if (model.Length == 0 || model.EndsWith('/'))
        {
            error = $"The model id '{id}' names no model after '{provider}/'. Write '{provider}/<model>', for example 'openai/gpt-4o-mini'.";
            return false;
        }

        if (provider == "claude-code")
        {
            provider = ClaudeCodeProvider;
        }

        string? pod = null;
        if (provider == "runpod")
        {
            var podSlash = model.IndexOf('/', StringComparison.Ordinal);
            if (podSlash <= 0 || podSlash == model.Length - 1)
            {
                error = $"The RunPod model id '{id}' must name a pod and a model: 'runpod/<pod-id>/<model>', for example 'runpod/abc123xyz/llama-3.1-8b'.";
                return false;
            }

            pod = model[..podSlash];
            model = model[(podSlash + 1)..];
        }

        result = new ModelId(provider, model, pod, endpoint, id);
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Canonical;

    internal static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;
}
