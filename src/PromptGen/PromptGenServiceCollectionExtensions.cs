using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PromptGen;

/// <summary>Registers PromptGen in a service collection.</summary>
public static class PromptGenServiceCollectionExtensions
{
    /// <summary>
    /// Adds the PromptGen router. Options come from the <c>PromptGen</c> section of <paramref name="configuration"/>
    /// (when given), then <paramref name="configure"/>; unset values fall back to the standard environment variables
    /// and the built-in defaults. Add providers on the returned builder, for example <c>.AddOpenAI().AddAnthropic()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application configuration (its <c>PromptGen</c> section is read), the <c>PromptGen</c>
    /// section itself (<c>configuration.GetSection("PromptGen")</c>), or <see langword="null"/>.</param>
    /// <param name="configure">Adjusts the options in code; wins over configuration.</param>
    /// <returns>A builder to add providers and clients.</returns>
    /// <exception cref="PromptConfigurationException">The configuration has an unknown key or an unreadable value.</exception>
    public static PromptGenBuilder AddPromptGen(this IServiceCollection services, IConfiguration? configuration = null, Action<PromptGenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new PromptGenOptions();
        if (configuration is not null)
        {
            PromptGenConfiguration.Bind(PromptGenSection(configuration), options);
        }

        configure?.Invoke(options);
        var builder = new PromptGenBuilder(services);
        services.AddSingleton(options);

        // The response cache (docs/scale-out.md): in memory, and in the registered IDistributedCache (Redis) if any.
        services.AddMemoryCache();
        services.AddSingleton(sp => new PromptRouter(
            options,
            builder.Factories,
            builder.RegisteredClients,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            (ILogger?)sp.GetService<ILoggerFactory>()?.CreateLogger<PromptRouter>() ?? NullLogger.Instance,
            builder.Transport,
            sp.GetService<IEscalationHandler>(),
            sp.GetService<IImageOptimizer>(),
            sp.GetService<Microsoft.Extensions.Caching.Memory.IMemoryCache>(),
            sp.GetService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>(),
            sp.GetService<FleetCoordinator>()));
        services.AddSingleton(sp => new Generated.PromptExecutor(sp.GetRequiredService<PromptRouter>(), sp));
        return builder;
    }

    /// <summary>
    /// The section to bind: the <c>PromptGen</c> child of <paramref name="configuration"/>, or <paramref name="configuration"/>
    /// itself when it is the <c>PromptGen</c> section. Any other section that has settings but no <c>PromptGen</c> child is
    /// an error saying what to pass (binding nothing would surface later as a misleading missing API key).
    /// </summary>
    internal static IConfiguration PromptGenSection(IConfiguration configuration)
    {
        var child = configuration.GetSection(PromptGenOptions.SectionName);
        if (child.Exists() || configuration is not IConfigurationSection given)
        {
            return child;
        }

        if (string.Equals(given.Key, PromptGenOptions.SectionName, StringComparison.OrdinalIgnoreCase))
        {
            return given;
        }

        return given.GetChildren().Any()
            ? throw new PromptConfigurationException(
                $"AddPromptGen was given the configuration section '{given.Path}', which is not the '{PromptGenOptions.SectionName}' section and has no " +
                $"'{PromptGenOptions.SectionName}' section inside it, so no setting would be read. Pass the configuration root, " +
                $"services.AddPromptGen(configuration), or the section itself, services.AddPromptGen(configuration.GetSection(\"{PromptGenOptions.SectionName}\")).")
            : child;
    }
}
