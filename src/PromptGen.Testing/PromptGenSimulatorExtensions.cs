namespace PromptGen.Testing;

/// <summary>Points PromptGen's providers at an <see cref="LlmSimulator"/> in one call.</summary>
public static class PromptGenSimulatorExtensions
{
    /// <summary>The API key the simulator is given (any non-empty key passes; a fault rule can still answer 401).</summary>
    public const string ApiKey = "simulator-key";

    private static readonly string[] OpenAICompatible = ["openai", "ollama", "openrouter", "groq", "gemini", "vllm", "lmstudio"];

    /// <summary>
    /// Sends every built-in provider to <paramref name="simulator"/>: <c>anthropic</c> to its Anthropic endpoint, and
    /// <c>openai</c>, <c>ollama</c>, <c>openrouter</c>, <c>groq</c>, <c>gemini</c>, <c>vllm</c> and <c>lmstudio</c> to its
    /// OpenAI endpoint, each with the key <see cref="ApiKey"/>. Use in <c>AddPromptGen(configure: o =&gt; o.UseSimulator(sim))</c>.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="simulator">The running simulator.</param>
    /// <returns>The same options.</returns>
    public static PromptGenOptions UseSimulator(this PromptGenOptions options, LlmSimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(simulator);
        foreach (var name in OpenAICompatible)
        {
            options.Provider(name).BaseUrl = simulator.OpenAIBaseUrl.ToString();
            options.Provider(name).ApiKey = ApiKey;
        }

        options.Provider("anthropic").BaseUrl = simulator.AnthropicBaseUrl.ToString();
        options.Provider("anthropic").ApiKey = ApiKey;
        return options;
    }

    /// <summary>
    /// Sends every built-in provider of this registration to <paramref name="simulator"/> (see
    /// <see cref="UseSimulator(PromptGenOptions, LlmSimulator)"/>): <c>services.AddPromptGen().AddOpenAI().AddAnthropic().UseSimulator(sim)</c>.
    /// Clients resolved from the container, and those made with a generated <c>Create(executor)</c> from its
    /// <c>PromptExecutor</c>, call the simulator.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddPromptGen</c>.</param>
    /// <param name="simulator">The running simulator.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException">The builder's services hold no PromptGen options (AddPromptGen was not called on them).</exception>
    public static PromptGenBuilder UseSimulator(this PromptGenBuilder builder, LlmSimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.LastOrDefault(d => d.ServiceType == typeof(PromptGenOptions))?.ImplementationInstance as PromptGenOptions
            ?? throw new InvalidOperationException("UseSimulator found no PromptGen options in these services; call it on the builder that services.AddPromptGen(...) returns.");
        options.UseSimulator(simulator);
        return builder;
    }
}
