using System;
using System.Linq;

namespace PromptGen.Generators.Parsing;

/// <summary>
/// Models known to take text only, for PG0402 (docs/diagnostics/PG0402.md lists them with their sources). The table is
/// deliberately short and exact: a model is listed only when its provider documents it as text-only, and names are
/// matched whole (after an Ollama <c>:tag</c>), so a vision variant such as <c>ollama/llama3.2-vision</c> never matches
/// <c>llama3.2</c>. Aliases and unknown models are not judged: the provider's own error still applies at run time.
/// </summary>
internal static class TextOnlyModels
{
    // OpenAI: GPT-3.5, the original GPT-4, o1-mini and o3-mini take no image input; gpt-oss is a text model.
    private static readonly string[] s_openAIPrefixes = ["gpt-3.5-turbo", "o1-mini", "o3-mini", "gpt-oss-", "davinci", "babbage"];
    private static readonly string[] s_openAIExact = ["gpt-4", "gpt-4-0613", "gpt-4-0314", "gpt-4-32k"];

    // Groq: only its Llama 4 models take images; these families are text-only.
    private static readonly string[] s_groqPrefixes = ["llama-3.1-", "llama-3.3-", "llama3-", "mixtral-", "gemma2-", "deepseek-r1-", "qwen-qwq-", "openai/gpt-oss-"];

    // Ollama library models without vision (vision variants have their own names: llama3.2-vision, qwen2.5vl, llava…).
    private static readonly string[] s_ollamaNames =
    [
        "llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "mistral", "mixtral", "qwen2", "qwen2.5", "qwen2.5-coder",
        "qwen3", "phi3", "phi4", "gemma2", "codellama", "deepseek-r1", "deepseek-coder", "tinyllama", "gpt-oss",
    ];

    // DeepSeek's API models are text-only; Anthropic's Claude 2 and Claude Instant predate vision.
    private static readonly string[] s_deepSeekNames = ["deepseek-chat", "deepseek-reasoner"];
    private static readonly string[] s_anthropicPrefixes = ["claude-2", "claude-instant"];

    /// <summary>Why the model takes no images, or <see langword="null"/> when it may (or is not known).</summary>
    public static string? Why(string? id)
    {
        if (id is null)
        {
            return null;
        }

        var text = id.Trim();
        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            text = text.Substring(0, at);
        }

        var slash = text.IndexOf('/');
        if (slash <= 0)
        {
            return null;
        }

        var provider = text.Substring(0, slash).ToLowerInvariant();
        var model = text.Substring(slash + 1).ToLowerInvariant();
        return provider switch
        {
            "openai" when s_openAIExact.Contains(model) || s_openAIPrefixes.Any(p => model.StartsWith(p, StringComparison.Ordinal))
                => "OpenAI documents no image input for it",
            "groq" when s_groqPrefixes.Any(p => model.StartsWith(p, StringComparison.Ordinal))
                => "on Groq only the Llama 4 models take images",
            "ollama" when s_ollamaNames.Contains(WithoutTag(model))
                => "the Ollama library model has no vision; its vision variants have their own names, such as llama3.2-vision or qwen2.5vl",
            "deepseek" when s_deepSeekNames.Contains(model)
                => "DeepSeek's API models take text only",
            "anthropic" when s_anthropicPrefixes.Any(p => model.StartsWith(p, StringComparison.Ordinal))
                => "Claude 2 and Claude Instant predate image input",
            _ => null,
        };
    }

    private static string WithoutTag(string model)
    {
        var colon = model.IndexOf(':');
        return colon < 0 ? model : model.Substring(0, colon);
    }
}
