using System;
using System.Linq;

namespace PromptGen.Generators.Parsing;

/// <summary>
/// The build-time twin of the runtime's <c>ModelId.TryParse</c> syntax rules (re-implemented: the generator never
/// references <c>src/</c>): <c>provider/model[@endpoint]</c>, <c>runpod/{pod}/{model}</c>, <c>max</c>, <c>opus</c>,
/// <c>claude-code/*</c>. A bare word with no '/' is taken as an alias from configuration and is not an error here.
/// </summary>
internal static class ModelIdSyntax
{
    /// <summary>Checks a model id.</summary>
    /// <returns>What is wrong and how to fix it, or <see langword="null"/> when the id is well formed.</returns>
    public static string? Check(string? id)
    {
        if (id is null || id.Trim().Length == 0)
        {
            return "the model id is empty; write 'provider/model', for example 'openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5' or 'max/opus', or remove the attribute to use PromptGen:DefaultModel";
        }

        var text = id.Trim();
        if (text.Any(char.IsWhiteSpace))
        {
            return $"the model id '{id}' contains whitespace; write 'provider/model' with no spaces, for example 'openai/gpt-4o-mini'";
        }

        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            var endpoint = text.Substring(at + 1);
            text = text.Substring(0, at);
            if (endpoint.Length == 0)
            {
                return $"the model id '{id}' ends with '@' but names no endpoint; write 'provider/model@name' with a provider entry from PromptGen:Providers, or 'provider/model@https://host/v1'";
            }

            if (endpoint.IndexOf("://", StringComparison.Ordinal) >= 0 && !IsHttpUrl(endpoint))
            {
                return $"the endpoint '{endpoint}' in model id '{id}' is not an absolute http or https URL; write for example 'openai/my-model@http://localhost:8000/v1'";
            }
        }

        var slash = text.IndexOf('/');
        if (slash < 0 && WrongSeparator(text) is { } corrected)
        {
            return $"the model id '{id}' separates provider and model with '{text[text.IndexOfAny(Separators)]}'; PromptGen model ids use '/': write '{corrected}'";
        }

        if (slash < 0)
        {
            // 'max', 'opus', 'sonnet', 'haiku', 'claude-code' or an alias resolved from configuration at run time.
            return null;
        }

        var provider = text.Substring(0, slash).ToLowerInvariant();
        var model = text.Substring(slash + 1);
        if (provider.Length == 0)
        {
            return $"the model id '{id}' has an empty provider before '/'; write 'provider/model', for example 'openai{text}'";
        }

        if (model.Length == 0 || model.EndsWith("/", StringComparison.Ordinal))
        {
            return $"the model id '{id}' names no model after '{provider}/'; write '{provider}/<model>', for example 'openai/gpt-4o-mini'";
        }

        if (provider == "runpod")
        {
            var podSlash = model.IndexOf('/');
            if (podSlash <= 0 || podSlash == model.Length - 1)
            {
                return $"the RunPod model id '{id}' must name a pod and a model; write 'runpod/<pod-id>/<model>', for example 'runpod/abc123xyz/llama-3.1-8b'";
            }
        }

        return null;
    }

    private static readonly char[] Separators = [':', '\\', '|'];

    private static readonly string[] Providers =
        ["openai", "anthropic", "ollama", "openrouter", "groq", "gemini", "vllm", "lmstudio", "runpod", "claude-code", "max"];

    /// <summary>
    /// For <c>openai:gpt-4o</c>, <c>anthropic\claude-…</c> (a known provider, then a separator other than '/'), the id
    /// with '/' instead; otherwise <see langword="null"/>. The model part keeps its own colons (<c>ollama:llama3.2:3b</c>).
    /// </summary>
    internal static string? WrongSeparator(string text)
    {
        var at = text.IndexOfAny(Separators);
        if (at <= 0 || at == text.Length - 1)
        {
            return null;
        }

        var provider = text.Substring(0, at);
        return Array.IndexOf(Providers, provider.ToLowerInvariant()) >= 0 ? provider + "/" + text.Substring(at + 1) : null;
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https") && uri.Host.Length > 0;
}
