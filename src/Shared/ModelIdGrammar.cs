// One model-id grammar for the runtime (ModelId.TryParse) and the generator (PG0201 at build time): this file is compiled
// into both (a linked <Compile>), so build-time checks and run-time parsing cannot drift. It targets netstandard2.0 too.
#if NETSTANDARD2_0
using System;
using System.Linq;
#endif

namespace PromptGen;

/// <summary>
/// The syntax of a model id: <c>provider/model[@endpoint]</c>, <c>runpod/{pod}/{model}</c>, and the Claude Code forms
/// <c>max</c>, <c>claude-code</c>, <c>opus</c>, <c>sonnet</c>, <c>haiku</c>, <c>max/*</c> and <c>claude-code/*</c>
/// (normalized to provider <c>max</c>).
/// </summary>
internal static class ModelIdGrammar
{
    /// <summary>The provider name Claude Code ids normalize to.</summary>
    public const string ClaudeCodeProvider = "max";

    /// <summary>Splits a model id into its parts.</summary>
    /// <param name="id">The id as written.</param>
    /// <param name="parts">The parts, when the id is well formed.</param>
    /// <param name="bareWord">What a bare word with no '/' is: <see langword="null"/> when it is a Claude Code short form;
    /// otherwise the word, which is an error at run time (aliases are resolved before parsing) and an alias at build time.</param>
    /// <returns>What is wrong and how to fix it (a lower-case clause), or <see langword="null"/> when well formed.</returns>
    public static string? Parse(string? id, out ModelIdParts parts, out string? bareWord)
    {
        parts = default;
        bareWord = null;
        if (id is null || id.Trim().Length == 0)
        {
            return "the model id is empty; write 'provider/model', for example 'openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5' or 'max/opus'";
        }

        var text = id.Trim();
        if (text.Any(char.IsWhiteSpace))
        {
            return $"the model id '{id}' contains whitespace; write 'provider/model' with no spaces, for example 'openai/gpt-4o-mini'";
        }

        string? endpoint = null;
        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            endpoint = text.Substring(at + 1);
            text = text.Substring(0, at);
            if (endpoint.Length == 0)
            {
                return $"the model id '{id}' ends with '@' but names no endpoint; write 'provider/model@name' with a provider entry from PromptGen:Providers, or 'provider/model@https://host/v1'";
            }

#pragma warning disable CA2249 // string.Contains(string, StringComparison) is not in netstandard2.0, which the generator targets
            if (endpoint.IndexOf("://", StringComparison.Ordinal) >= 0 && !IsHttpUrl(endpoint))
#pragma warning restore CA2249
            {
                return $"the endpoint '{endpoint}' in model id '{id}' is not an absolute http or https URL; write for example 'openai/my-model@http://localhost:8000/v1'";
            }
        }

        var lower = text.ToLowerInvariant();
        if (lower is "max" or "claude-code" or "opus" or "sonnet" or "haiku")
        {
            parts = new ModelIdParts(ClaudeCodeProvider, lower is "max" or "claude-code" ? "default" : lower, null, endpoint);
            return null;
        }

        var slash = text.IndexOf('/');
        if (slash < 0 && WrongSeparator(text) is { } corrected)
        {
            return $"the model id '{id}' separates provider and model with '{text[text.IndexOfAny(Separators)]}'; PromptGen model ids use '/': write '{corrected}'";
        }

        if (slash < 0)
        {
            bareWord = text;
            return $"the model id '{id}' names no provider; write 'provider/{text}' (for example 'openai/{text}' or 'ollama/{text}'), or define '{text}' under PromptGen:Aliases";
        }

        var provider = lower.Substring(0, slash);
        var model = text.Substring(slash + 1);
        if (provider.Length == 0)
        {
            return $"the model id '{id}' has an empty provider before '/'; write 'provider/model', for example 'openai{text}'";
        }

#pragma warning disable CA1865 // string.EndsWith(char) is not in netstandard2.0
        if (model.Length == 0 || model.EndsWith("/", StringComparison.Ordinal))
#pragma warning restore CA1865
        {
            return $"the model id '{id}' names no model after '{provider}/'; write '{provider}/<model>', for example 'openai/gpt-4o-mini'";
        }

        if (provider == "claude-code")
        {
            provider = ClaudeCodeProvider;
        }

        string? pod = null;
        if (provider == "runpod")
        {
            var podSlash = model.IndexOf('/');
            if (podSlash <= 0 || podSlash == model.Length - 1)
            {
                return $"the RunPod model id '{id}' must name a pod and a model; write 'runpod/<pod-id>/<model>', for example 'runpod/abc123xyz/llama-3.1-8b'";
            }

            pod = model.Substring(0, podSlash);
            model = model.Substring(podSlash + 1);
        }

        parts = new ModelIdParts(provider, model, pod, endpoint);
        return null;
    }

    private static readonly char[] Separators = [':', '\\', '|'];

    private static readonly string[] KnownProviders =
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
#pragma warning disable CA1845 // span-based string.Concat is not in netstandard2.0
        return Array.IndexOf(KnownProviders, provider.ToLowerInvariant()) >= 0 ? provider + "/" + text.Substring(at + 1) : null;
#pragma warning restore CA1845
    }

    /// <summary>Whether <paramref name="text"/> is an absolute http or https URL with a host.</summary>
    public static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https") && uri.Host.Length > 0;
}

/// <summary>The parts of a well-formed model id.</summary>
internal readonly struct ModelIdParts
{
    public ModelIdParts(string provider, string model, string? pod, string? endpoint)
    {
        Provider = provider;
        Model = model;
        Pod = pod;
        Endpoint = endpoint;
    }

    public string Provider { get; }

    public string Model { get; }

    public string? Pod { get; }

    public string? Endpoint { get; }
}
