namespace PromptGen;

/// <summary>Teaches the redactor every secret the options can reach (kept beside the options: the redactor is a basic type).</summary>
internal static class ConfiguredSecrets
{
    /// <summary>
    /// Adds to <paramref name="redactor"/> the API key of each configured and built-in provider (set directly or read from
    /// its variable, whatever the variable is called) and the credentials in each base URL.
    /// </summary>
    public static void AddTo(SecretRedactor redactor, PromptGenOptions options)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var name in ProviderDefaults.BuiltIn.Keys.Concat(options.Providers.Keys).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            options.Providers.TryGetValue(name, out var configured);
            ProviderDefaults.BuiltIn.TryGetValue(name, out var builtIn);
            redactor.Add(configured?.ApiKey);
            redactor.AddUrlCredentials(configured?.BaseUrl);
            foreach (var variable in new[] { configured?.ApiKeyEnvironmentVariable, builtIn?.ApiKeyVariable })
            {
                if (!string.IsNullOrWhiteSpace(variable))
                {
                    redactor.Add(options.EnvironmentVariables(variable));
                }
            }

            if (builtIn?.BaseUrlVariable is { } baseUrlVariable)
            {
                redactor.AddUrlCredentials(options.EnvironmentVariables(baseUrlVariable));
            }
        }
    }
}
