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
    public const string ClaudeCodeProvider = ModelIdGrammar.ClaudeCodeProvider;

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
        // The grammar is shared with the generator (src/Shared/ModelIdGrammar.cs), which reports the same text as PG0201.
        var problem = ModelIdGrammar.Parse(id, out var parts, out _);
        if (problem is not null)
        {
            result = null;
            error = char.ToUpperInvariant(problem[0]) + problem[1..] + ".";
            return false;
        }

        result = new ModelId(parts.Provider, parts.Model, parts.Pod, parts.Endpoint, id!);
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Canonical;

    internal static bool IsHttpUrl(string text) => ModelIdGrammar.IsHttpUrl(text);
}
