using System.Globalization;

namespace PromptGen;

/// <summary>Resolves a provider endpoint from code, configuration, environment variables and built-in defaults, in that order.</summary>
internal sealed class EndpointResolver(PromptGenOptions options, HttpClient httpClient)
{
    public ResolvedEndpoint Resolve(ModelId id)
    {
        var providerName = id.Provider;
        var baseUrlFromId = (string?)null;
        if (id.Endpoint is { } endpoint)
        {
            if (endpoint.Contains("://", StringComparison.Ordinal))
            {
                baseUrlFromId = endpoint;
            }
            else if (options.Providers.ContainsKey(endpoint))
            {
                providerName = endpoint;
            }
            else
            {
                throw Error(id, $"The endpoint '@{endpoint}' in model id '{id.Original}' is not a provider entry. Add PromptGen:Providers:{endpoint} with Kind and BaseUrl, or write the URL itself: '{id.Provider}/{id.Model}@https://host/v1'.");
            }
        }

        options.Providers.TryGetValue(providerName, out var configured);
        var defaults = DefaultsFor(id, providerName, configured);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);

        // A URL written in the model id is the most specific setting and wins over everything else.
        var baseUrlText = PickModelId(baseUrlFromId, "BaseUrl", sources)
            ?? Pick(providerName, "BaseUrl", configured?.BaseUrl, sources)
            ?? PickEnvironment(defaults.BaseUrlVariable, "BaseUrl", sources)
            ?? PickDefault(defaults.BaseUrl, "BaseUrl", sources);

        Uri? baseUrl = null;
        if (defaults.Kind != ProviderKinds.ClaudeCode)
        {
            baseUrl = ParseBaseUrl(id, providerName, defaults, baseUrlText, sources);
        }

        var keyVariable = configured?.ApiKeyEnvironmentVariable ?? defaults.ApiKeyVariable;
        Secret? apiKey = null;
        if (!string.IsNullOrEmpty(configured?.ApiKey))
        {
            apiKey = new Secret(configured.ApiKey);
            sources["ApiKey"] = Origin(providerName, "ApiKey", configured.ApiKey);
        }
        else if (keyVariable is not null && options.EnvironmentVariables(keyVariable) is { Length: > 0 } fromEnvironment)
        {
            apiKey = new Secret(fromEnvironment);
            sources["ApiKey"] = $"environment variable {keyVariable}";
        }

        var requiresKey = configured?.RequiresApiKey ?? defaults.RequiresApiKey;
        // A replayed run answers from its recording: it sends nothing, so it needs no key (CI runs without secrets).
        if (apiKey is null && requiresKey && options.Recording.Mode != ChatRecordingMode.Replay)
        {
            var variable = keyVariable ?? $"{providerName.ToUpperInvariant()}_API_KEY";
            throw Error(id, $"No API key for provider '{providerName}' (model '{id.Original}'). Set the {variable} environment variable, or set PromptGen:Providers:{providerName}:ApiKeyEnvironmentVariable to the name of a variable that holds the key.");
        }

        var timeout = configured?.Timeout ?? defaults.Timeout;
        if (timeout <= TimeSpan.Zero)
        {
            throw Error(id, $"PromptGen:Providers:{providerName}:Timeout is {timeout}; it must be positive, for example '00:02:00'.");
        }

        sources["Timeout"] = configured?.Timeout is { } t ? Origin(providerName, "Timeout", t.ToString("c", CultureInfo.InvariantCulture)) : "default";
        var maxTokens = configured?.MaxOutputTokens ?? defaults.MaxOutputTokens;
        if (maxTokens <= 0)
        {
            throw Error(id, $"PromptGen:Providers:{providerName}:MaxOutputTokens is {maxTokens}; it must be positive, for example 4096.");
        }

        sources["MaxOutputTokens"] = configured?.MaxOutputTokens is { } m ? Origin(providerName, "MaxOutputTokens", m.ToString(CultureInfo.InvariantCulture)) : "default";
        return new ResolvedEndpoint
        {
            Provider = providerName,
            Kind = defaults.Kind,
            BaseUrl = baseUrl,
            ApiKey = apiKey,
            Timeout = timeout,
            MaxOutputTokens = maxTokens,
            StructuredOutput = ParseStructuredOutput(id, providerName, configured?.StructuredOutput) ?? defaults.StructuredOutput,
            HttpClient = httpClient,
            Sources = sources,
            Redactor = options.Redactor,
        };
    }

    private static ProviderDefaults DefaultsFor(ModelId id, string providerName, ProviderOptions? configured)
    {
        ProviderDefaults.BuiltIn.TryGetValue(providerName, out var builtIn);
        var kind = configured?.Kind?.Trim().ToLowerInvariant();
        if (kind is not null && kind is not (ProviderKinds.OpenAI or ProviderKinds.Anthropic or ProviderKinds.ClaudeCode))
        {
            throw Error(id, $"PromptGen:Providers:{providerName}:Kind is '{configured!.Kind}'. Use 'openai' (any OpenAI-compatible endpoint), 'anthropic' or 'claude-code'.");
        }

        if (builtIn is not null)
        {
            return kind is null || kind == builtIn.Kind ? builtIn : builtIn with { Kind = kind };
        }

        if (configured is null)
        {
            var known = string.Join(", ", ProviderDefaults.BuiltIn.Keys.Order(StringComparer.Ordinal));
            throw Error(id, $"Unknown provider '{providerName}' in model id '{id.Original}'. Known providers: {known}. For another endpoint add PromptGen:Providers:{providerName} with Kind ('openai' for OpenAI-compatible servers, or 'anthropic') and BaseUrl.");
        }

        if (kind is null)
        {
            throw Error(id, $"Provider '{providerName}' (model '{id.Original}') is configured without a Kind. Set PromptGen:Providers:{providerName}:Kind to 'openai' (any OpenAI-compatible endpoint) or 'anthropic'.");
        }

        return ProviderDefaults.ForCustom(providerName, kind);
    }

    private static Uri ParseBaseUrl(ModelId id, string providerName, ProviderDefaults defaults, string? text, Dictionary<string, string> sources)
    {
        var source = sources.GetValueOrDefault("BaseUrl", "default");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Error(id, $"Provider '{providerName}' (model '{id.Original}') has no base URL. Set PromptGen:Providers:{providerName}:BaseUrl, for example 'http://localhost:8000/v1'.");
        }

        if (defaults.BaseUrlVariable == "OLLAMA_HOST" && source.StartsWith("environment", StringComparison.Ordinal))
        {
            // OLLAMA_HOST is a host (often without scheme); the OpenAI-compatible API lives under /v1.
            text = (text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text).TrimEnd('/') + "/v1";
        }

        if (id.Pod is not null)
        {
            text = text.Replace("{pod}", Uri.EscapeDataString(id.Pod), StringComparison.Ordinal);
        }

        if (!ModelId.IsHttpUrl(text))
        {
            throw Error(id, $"The base URL '{text}' for provider '{providerName}' (from {source}) is not an absolute http or https URL. Fix it, for example 'https://api.openai.com/v1' or 'http://localhost:11434/v1'.");
        }

        return new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
    }

    private static StructuredOutputMode? ParseStructuredOutput(ModelId id, string providerName, string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "native" => StructuredOutputMode.Native,
        "json-mode" or "jsonmode" or "json" => StructuredOutputMode.JsonMode,
        "prompt" => StructuredOutputMode.Prompt,
        _ => throw Error(id, $"PromptGen:Providers:{providerName}:StructuredOutput is '{text}'. Use 'native', 'json-mode' or 'prompt'."),
    };

    private string? Pick(string provider, string setting, string? value, Dictionary<string, string> sources)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        sources[setting] = Origin(provider, setting, value);
        return value;
    }

    private static string? PickModelId(string? value, string setting, Dictionary<string, string> sources)
    {
        if (value is not null)
        {
            sources[setting] = "model id";
        }

        return value;
    }

    private string? PickEnvironment(string? variable, string setting, Dictionary<string, string> sources)
    {
        if (variable is null || options.EnvironmentVariables(variable) is not { Length: > 0 } value)
        {
            return null;
        }

        sources[setting] = $"environment variable {variable}";
        return value;
    }

    private static string? PickDefault(string? value, string setting, Dictionary<string, string> sources)
    {
        sources[setting] = "default";
        return value;
    }

    private string Origin(string provider, string setting, string value)
    {
        var path = $"{PromptGenOptions.SectionName}:Providers:{provider}:{setting}";
        return options.ConfiguredValues.TryGetValue(path, out var configuredValue) && configuredValue == value
            ? $"configuration {path}"
            : "code";
    }

    private static PromptConfigurationException Error(ModelId id, string message) =>
        new(message) { ModelId = id.Original, Provider = id.Provider };
}
