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
    /// <param name="configuration">The application configuration (the <c>PromptGen</c> section is read), or <see langword="null"/>.</param>
    /// <param name="configure">Adjusts the options in code; wins over configuration.</param>
    /// <returns>A builder to add providers and clients.</returns>
    /// <exception cref="PromptConfigurationException">The configuration has an unknown key or an unreadable value.</exception>
    public static PromptGenBuilder AddPromptGen(this IServiceCollection services, IConfiguration? configuration = null, Action<PromptGenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new PromptGenOptions();
        if (configuration is not null)
        {
            PromptGenConfiguration.Bind(configuration.GetSection(PromptGenOptions.SectionName), options);
        }

        configure?.Invoke(options);
        var builder = new PromptGenBuilder(services);
        services.AddSingleton(options);

        // The response cache (docs/scale-out.md): HybridCache in memory, over the registered IDistributedCache (Redis) if any.
        services.AddHybridCache();
        services.AddSingleton(sp => new PromptRouter(
            options,
            builder.Factories,
            builder.RegisteredClients,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            (ILogger?)sp.GetService<ILoggerFactory>()?.CreateLogger<PromptRouter>() ?? NullLogger.Instance,
            builder.Transport,
            sp.GetService<IEscalationHandler>(),
            sp.GetService<IImageOptimizer>(),
            sp.GetService<Microsoft.Extensions.Caching.Hybrid.HybridCache>(),
            sp.GetService<FleetCoordinator>()));
        services.AddSingleton(sp => new Generated.PromptExecutor(sp.GetRequiredService<PromptRouter>(), sp));
        return builder;
    }
}
