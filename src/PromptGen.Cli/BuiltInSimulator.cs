using PromptGen.Testing;

namespace PromptGen.Cli;

/// <summary>The in-process LLM simulator <c>ask</c> answers from when no real provider is configured.</summary>
internal static class BuiltInSimulator
{
    /// <summary>The API key given to the simulated providers (the simulator accepts any).</summary>
    public const string ApiKey = "promptgen-simulator-key";

    private const string ResourceName = "PromptGen.Cli.default-rules.json";

    /// <summary>Reads the default rules embedded in the tool: a few canned answers and a friendly echo.</summary>
    public static SimulatorScript LoadDefaultRules()
    {
        using var stream = typeof(BuiltInSimulator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from the promptgen tool.");
        using var reader = new StreamReader(stream);
        return SimulatorScript.FromJson(reader.ReadToEnd(), "built-in rules");
    }

    /// <summary>Starts a simulator with the default rules on a free loopback port.</summary>
    public static Task<LlmSimulator> StartAsync(CancellationToken cancellationToken) =>
        LlmSimulator.StartAsync(new LlmSimulatorOptions { Script = LoadDefaultRules() }, cancellationToken);

    /// <summary>Points the <c>openai</c>, <c>anthropic</c> and <c>ollama</c> providers at <paramref name="simulator"/>.</summary>
    public static void Apply(LlmSimulator simulator, PromptGenOptions options)
    {
        var openAI = options.Provider("openai");
        openAI.BaseUrl = simulator.OpenAIBaseUrl.ToString();
        openAI.ApiKey = ApiKey;
        var anthropic = options.Provider("anthropic");
        anthropic.BaseUrl = simulator.AnthropicBaseUrl.ToString();
        anthropic.ApiKey = ApiKey;
        options.Provider("ollama").BaseUrl = simulator.OpenAIBaseUrl.ToString();
    }
}
