using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Cli.Commands;

/// <summary>
/// <c>promptgen models</c>: the default model, aliases, fallback chains, and every provider with its kind, base URL,
/// whether a key is set (never the key) and where each setting came from.
/// </summary>
internal static class ModelsCommand
{
    private const string ProbeModel = "model";

    public static Command Create(CliHost host)
    {
        var config = CommonOptions.Config();
        var command = new Command("models", "List the default model, aliases, fallback chains and providers, with where each setting came from.") { config };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var configuration = CliConfiguration.Load(parsed.GetValue(config), host);
            await using var services = configuration.BuildServices();
            var router = services.GetRequiredService<PromptRouter>();

            // A second router that does not insist on keys, so a provider without one still shows its other settings.
            await using var probeServices = configuration.BuildServices(options =>
            {
                foreach (var name in router.ProviderNames)
                {
                    options.Provider(name).RequiresApiKey ??= false;
                }
            });
            Write(host.Out, configuration, router, probeServices.GetRequiredService<PromptRouter>());
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write(TextWriter output, CliConfiguration configuration, PromptRouter router, PromptRouter probe)
    {
        var options = router.Options;
        output.WriteLine($"Configuration: {(configuration.File is null ? "(no file; defaults and environment variables)" : configuration.File)}");
        output.WriteLine($"Default model: {options.DefaultModel}");
        output.WriteLine(options.Aliases.Count == 0 ? "Aliases: (none)" : "Aliases:");
        foreach (var (alias, target) in options.Aliases.OrderBy(a => a.Key, StringComparer.OrdinalIgnoreCase))
        {
            output.WriteLine($"  {alias} → {target}");
        }

        output.WriteLine(options.Fallbacks.Count == 0 ? "Fallback chains: (none)" : "Fallback chains:");
        foreach (var (model, chain) in options.Fallbacks.OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase))
        {
            output.WriteLine($"  {model} → {string.Join(" → ", chain)}");
        }

        var retry = options.Retry;
        output.WriteLine($"Retries: {retry.MaxRetries} per model on transient errors (backoff from {retry.BaseDelay} up to {retry.MaxDelay}{(retry.UseJitter ? ", with jitter" : string.Empty)})");
        output.WriteLine($"Total timeout per call: {(options.TotalTimeout is { } total ? total.ToString() : "none")}");
        output.WriteLine("Providers:");
        var withKey = 0;
        foreach (var name in router.ProviderNames)
        {
            output.WriteLine($"  {name}");
            var id = string.Equals(name, "runpod", StringComparison.OrdinalIgnoreCase) ? $"{name}/{{pod}}/{ProbeModel}" : $"{name}/{ProbeModel}";
            string? problem = null;
            ModelRoute? route = null;
            try
            {
                route = router.Resolve(id);
            }
            catch (PromptConfigurationException exception)
            {
                problem = exception.Message.Replace($" (model '{id}')", string.Empty, StringComparison.Ordinal);
                try
                {
                    route = probe.Resolve(id);
                }
                catch (PromptConfigurationException)
                {
                    // The probe fails for the same reason; the note below says why.
                }
            }

            if (route is not null)
            {
                var endpoint = route.Endpoint;
                var sources = endpoint.Sources;
                output.WriteLine($"    kind               {endpoint.Kind}");
                output.WriteLine($"    base URL           {Uri.UnescapeDataString(endpoint.DisplayUrl)}{From(sources, "BaseUrl")}");
                output.WriteLine($"    API key            {(endpoint.ApiKey is null ? "not set" : "set")}{From(sources, "ApiKey")}");
                output.WriteLine($"    timeout            {endpoint.Timeout}{From(sources, "Timeout")}");
                output.WriteLine($"    max output tokens  {endpoint.MaxOutputTokens}{From(sources, "MaxOutputTokens")}");
                output.WriteLine($"    structured output  {endpoint.StructuredOutput}");
                withKey += endpoint.ApiKey is null ? 0 : 1;
            }

            if (problem is not null)
            {
                output.WriteLine($"    note               cannot be used yet: {problem}");
            }
        }

        if (configuration.NothingConfigured)
        {
            output.WriteLine();
            output.WriteLine($"No {CliConfiguration.DefaultFileName} and none of {string.Join(", ", CliConfiguration.ProviderVariables)} is set: 'promptgen ask' answers from the built-in simulator.");
        }
    }

    private static string From(IReadOnlyDictionary<string, string> sources, string setting) =>
        sources.TryGetValue(setting, out var source) ? $"  (from {source})" : string.Empty;
}
