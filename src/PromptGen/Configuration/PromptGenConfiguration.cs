using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace PromptGen;

/// <summary>
/// Binds the <c>PromptGen</c> configuration section onto <see cref="PromptGenOptions"/> without reflection (AOT-safe).
/// Unknown keys and unreadable values are errors naming the configuration path, never silently ignored.
/// </summary>
public static class PromptGenConfiguration
{
    private static readonly string[] s_topLevelKeys = ["DefaultModel", "Aliases", "Fallbacks", "Providers", "RecordMessageContent", "Retry", "CircuitBreaker", "TotalTimeout", "FirstTokenTimeout", "IdleTimeout", "Images", "Validation", "Cache", "Limits"];

    private static readonly string[] s_cacheKeys = ["Duration"];

    private static readonly string[] s_limitKeys = ["RequestsPerMinute", "TokensPerMinute", "WaitForBudget", "Window"];

    private static readonly string[] s_validationKeys = ["MaxReasks", "JudgeModel", "JsonPolicy"];

    private static readonly string[] s_imageKeys = ["MaxDownloadBytes", "DownloadTimeout", "Limits"];

    private static readonly string[] s_imageLimitKeys = ["MaxBytes", "MaxRequestBytes", "MaxWidth", "MaxHeight", "MaxImages", "Formats", "AcceptsUrls"];

    private static readonly string[] s_retryKeys = ["MaxRetries", "BaseDelay", "MaxDelay", "UseJitter"];

    private static readonly string[] s_breakerKeys = ["FailureRatio", "MinimumThroughput", "SamplingDuration", "BreakDuration"];

    private static readonly string[] s_providerKeys =
        ["Kind", "BaseUrl", "ApiKeyEnvironmentVariable", "ApiKey", "RequiresApiKey", "Timeout", "MaxOutputTokens", "StructuredOutput"];

    /// <summary>Binds <paramref name="section"/> (normally <c>configuration.GetSection("PromptGen")</c>) onto <paramref name="options"/>.</summary>
    /// <param name="section">The configuration section.</param>
    /// <param name="options">The options to fill.</param>
    /// <exception cref="PromptConfigurationException">A key is unknown or a value cannot be read; the message names the path.</exception>
    public static void Bind(IConfiguration section, PromptGenOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var child in section.GetChildren())
        {
            switch (Known(child, s_topLevelKeys))
            {
                case "DefaultModel":
                    options.DefaultModel = Remember(options, child, child.Value) ?? options.DefaultModel;
                    break;
                case "RecordMessageContent":
                    options.RecordMessageContent = ReadBool(child) ?? options.RecordMessageContent;
                    break;
                case "Aliases":
                    ObjectOnly(child, "alias names to model ids, for example { \"fast\": \"openai/gpt-4o-mini\" }");
                    foreach (var alias in child.GetChildren())
                    {
                        options.Aliases[alias.Key] = Required(alias);
                    }

                    break;
                case "Fallbacks":
                    ObjectOnly(child, "model ids or aliases to their fallbacks, for example { \"openai/gpt-4o\": [ \"anthropic/claude-sonnet-4-5\" ] }");
                    foreach (var chain in child.GetChildren())
                    {
                        options.Fallbacks[chain.Key] = ReadList(chain);
                    }

                    break;
                case "Providers":
                    ObjectOnly(child, "provider names to their settings, for example { \"openai\": { \"BaseUrl\": \"https://api.openai.com/v1\" } }");
                    foreach (var provider in child.GetChildren())
                    {
                        BindProvider(provider, options.Provider(provider.Key), options);
                    }

                    break;
                case "TotalTimeout":
                    options.TotalTimeout = ReadTimeSpan(child) is { } total && total <= TimeSpan.Zero
                        ? throw new PromptConfigurationException($"Setting '{child.Path}' is '{child.Value}'; the overall deadline must be positive (for example 90 seconds). Leave it out for no overall deadline.")
                        : ReadTimeSpan(child) ?? options.TotalTimeout;
                    break;
                case "FirstTokenTimeout":
                    options.FirstTokenTimeout = ReadTimeSpan(child);
                    break;
                case "IdleTimeout":
                    options.IdleTimeout = ReadTimeSpan(child);
                    break;
                case "Retry":
                    options.Retry = BindRetry(child, options.Retry);
                    break;
                case "Cache":
                    ObjectOnly(child, "Duration to a time span, for example { \"Duration\": \"00:10:00\" }");
                    foreach (var setting in child.GetChildren())
                    {
                        Known(setting, s_cacheKeys);
                        options.Cache = (options.Cache ?? new PromptCacheOptions()) with { Duration = ReadTimeSpan(setting) ?? TimeSpan.Zero };
                    }

                    break;
                case "Limits":
                    foreach (var entry in child.GetChildren())
                    {
                        options.Limits[entry.Key] = BindLimit(entry, options.Limits.TryGetValue(entry.Key, out var known) ? known : new ProviderLimitOptions());
                    }

                    break;
                case "CircuitBreaker":
                    options.CircuitBreaker = BindBreaker(child, options.CircuitBreaker);
                    break;
                case "Validation":
                    foreach (var setting in child.GetChildren())
                    {
                        var validationKey = Known(setting, s_validationKeys);
                        if (validationKey == "JsonPolicy")
                        {
                            options.Validation.JsonPolicy = setting.Value is null ? options.Validation.JsonPolicy
                                : Enum.TryParse<PromptGen.Validation.JsonParsePolicy>(setting.Value.Trim(), ignoreCase: true, out var policy) && Enum.IsDefined(policy) ? policy
                                : throw new PromptConfigurationException($"Setting '{setting.Path}' is '{setting.Value}'; expected RepairAndCoerce, Repair or Strict.");
                        }
                        else if (validationKey == "MaxReasks")
                        {
                            options.Validation.MaxReasks = ReadInt(setting) is { } reasks && reasks >= 0 ? reasks
                                : setting.Value is null ? options.Validation.MaxReasks
                                : throw new PromptConfigurationException($"Setting '{setting.Path}' is '{setting.Value}'; expected a whole number of re-asks, 0 or more.");
                        }
                        else
                        {
                            options.Validation.JudgeModel = Remember(options, setting, string.IsNullOrWhiteSpace(setting.Value) ? null : setting.Value.Trim()) ?? options.Validation.JudgeModel;
                        }
                    }

                    break;
                case "Images":
                    foreach (var setting in child.GetChildren())
                    {
                        switch (Known(setting, s_imageKeys))
                        {
                            case "MaxDownloadBytes":
                                options.Images.MaxDownloadBytes = ReadLong(setting) ?? options.Images.MaxDownloadBytes;
                                break;
                            case "DownloadTimeout":
                                options.Images.DownloadTimeout = ReadTimeSpan(setting) ?? options.Images.DownloadTimeout;
                                break;
                            default:
                                foreach (var provider in setting.GetChildren())
                                {
                                    options.Images.Limits[provider.Key] = BindImageLimits(provider, options.Images.Limits);
                                }

                                break;
                        }
                    }

                    break;
            }
        }

        CheckAliasCycles(options);
        var problems = options.Retry.Validate().Concat(options.CircuitBreaker.Validate())
            .Concat(options.Cache?.Validate() ?? [])
            .Concat(options.Limits.SelectMany(l => l.Value.Validate(l.Key)))
            .ToList();
        if (problems.Count > 0)
        {
            throw new PromptConfigurationException($"Invalid resilience settings in '{(section as IConfigurationSection)?.Path ?? PromptGenOptions.SectionName}': {string.Join(" ", problems)}");
        }
    }

    /// <summary>An alias that leads back to itself never reaches a model: an error at load, naming the cycle.</summary>
    private static void CheckAliasCycles(PromptGenOptions options)
    {
        foreach (var start in options.Aliases.Keys)
        {
            var path = new List<string> { start };
            for (var current = start; options.Aliases.TryGetValue(current, out var next);)
            {
                next = next.Trim();
                if (path.Contains(next, StringComparer.OrdinalIgnoreCase))
                {
                    path.Add(next);
                    throw new PromptConfigurationException($"Setting '{PromptGenOptions.SectionName}:Aliases' has a cycle: {string.Join(" → ", path)}. Make each alias end at a model id such as 'openai/gpt-4o-mini'.");
                }

                path.Add(next);
                current = next;
            }
        }
    }

    /// <summary>
    /// A section that maps names to values: a JSON array (keys 0, 1, …) or a plain value would otherwise bind as names
    /// "0" and "1" or as nothing.
    /// </summary>
    private static void ObjectOnly(IConfigurationSection section, string expected)
    {
        var children = section.GetChildren().ToList();
        if (!string.IsNullOrEmpty(section.Value) || (children.Count > 0 && children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))))
        {
            throw new PromptConfigurationException($"Setting '{section.Path}' must be an object mapping {expected}; it is {(string.IsNullOrEmpty(section.Value) ? "an array" : $"the value '{section.Value}'")}.");
        }
    }

    private static RetryOptions BindRetry(IConfigurationSection section, RetryOptions retry)
    {
        foreach (var child in section.GetChildren())
        {
            retry = Known(child, s_retryKeys) switch
            {
                "MaxRetries" => retry with { MaxRetries = ReadInt(child) ?? retry.MaxRetries },
                "BaseDelay" => retry with { BaseDelay = ReadTimeSpan(child) ?? retry.BaseDelay },
                "MaxDelay" => retry with { MaxDelay = ReadTimeSpan(child) ?? retry.MaxDelay },
                _ => retry with { UseJitter = ReadBool(child) ?? retry.UseJitter },
            };
        }

        return retry;
    }

    private static ProviderLimitOptions BindLimit(IConfigurationSection section, ProviderLimitOptions limit)
    {
        foreach (var child in section.GetChildren())
        {
            limit = Known(child, s_limitKeys) switch
            {
                "RequestsPerMinute" => limit with { RequestsPerMinute = ReadInt(child) },
                "TokensPerMinute" => limit with { TokensPerMinute = ReadInt(child) },
                "WaitForBudget" => limit with { WaitForBudget = ReadBool(child) ?? limit.WaitForBudget },
                _ => limit with { Window = ReadTimeSpan(child) ?? limit.Window },
            };
        }

        return limit;
    }

    private static CircuitBreakerOptions BindBreaker(IConfigurationSection section, CircuitBreakerOptions breaker)
    {
        foreach (var child in section.GetChildren())
        {
            breaker = Known(child, s_breakerKeys) switch
            {
                "FailureRatio" => breaker with { FailureRatio = ReadDouble(child) ?? breaker.FailureRatio },
                "MinimumThroughput" => breaker with { MinimumThroughput = ReadInt(child) ?? breaker.MinimumThroughput },
                "SamplingDuration" => breaker with { SamplingDuration = ReadTimeSpan(child) ?? breaker.SamplingDuration },
                _ => breaker with { BreakDuration = ReadTimeSpan(child) ?? breaker.BreakDuration },
            };
        }

        return breaker;
    }

    /// <summary>One provider's image limits: the keys given, over the entry already set, else the built-in one, else the OpenAI-compatible default.</summary>
    private static ImageLimits BindImageLimits(IConfigurationSection section, IDictionary<string, ImageLimits> configured)
    {
        var limits = configured.TryGetValue(section.Key, out var set) ? set
            : ProviderImageLimits.BuiltIn.TryGetValue(section.Key, out var builtIn) ? builtIn
            : ProviderImageLimits.OpenAICompatible;
        foreach (var child in section.GetChildren())
        {
            limits = Known(child, s_imageLimitKeys) switch
            {
                "MaxBytes" => limits with { MaxBytes = ReadLong(child) ?? limits.MaxBytes },
                "MaxRequestBytes" => limits with { MaxRequestBytes = ReadLong(child) },
                "MaxWidth" => limits with { MaxWidth = ReadInt(child) ?? limits.MaxWidth },
                "MaxHeight" => limits with { MaxHeight = ReadInt(child) ?? limits.MaxHeight },
                "MaxImages" => limits with { MaxImages = ReadInt(child) ?? limits.MaxImages },
                "Formats" => limits with { Formats = [.. ReadList(child).Select(f => ReadImageFormat(child, f))] },
                _ => limits with { AcceptsUrls = ReadBool(child) ?? limits.AcceptsUrls },
            };
        }

        return limits;
    }

    private static ImageFormat ReadImageFormat(IConfigurationSection child, string text) =>
        Enum.TryParse<ImageFormat>(text, ignoreCase: true, out var format) && Enum.IsDefined(format) ? format
        : string.Equals(text, "jpg", StringComparison.OrdinalIgnoreCase) ? ImageFormat.Jpeg
        : throw new PromptConfigurationException($"Setting '{child.Path}' names the image format '{text}'; expected some of {string.Join(", ", Enum.GetNames<ImageFormat>())}, for example 'png,jpeg'.");

    private static void BindProvider(IConfigurationSection section, ProviderOptions provider, PromptGenOptions options)
    {
        foreach (var child in section.GetChildren())
        {
            switch (Known(child, s_providerKeys))
            {
                case "Kind": provider.Kind = Remember(options, child, child.Value); break;
                case "BaseUrl": provider.BaseUrl = Remember(options, child, child.Value); break;
                case "ApiKeyEnvironmentVariable": provider.ApiKeyEnvironmentVariable = Remember(options, child, child.Value); break;
                case "ApiKey": provider.ApiKey = Remember(options, child, child.Value); break;
                case "RequiresApiKey": provider.RequiresApiKey = ReadBool(child); break;
                case "StructuredOutput": provider.StructuredOutput = Remember(options, child, child.Value); break;
                case "MaxOutputTokens":
                    provider.MaxOutputTokens = ReadInt(child);
                    Remember(options, child, provider.MaxOutputTokens?.ToString(CultureInfo.InvariantCulture));
                    break;
                case "Timeout":
                    provider.Timeout = ReadTimeSpan(child);
                    Remember(options, child, provider.Timeout?.ToString("c", CultureInfo.InvariantCulture));
                    break;
            }
        }
    }

    private static string Known(IConfigurationSection child, string[] keys)
    {
        foreach (var key in keys)
        {
            if (string.Equals(key, child.Key, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        throw new PromptConfigurationException($"Unknown setting '{child.Path}'. Valid keys here: {string.Join(", ", keys)}. Check the spelling in your configuration.");
    }

    private static string? Remember(PromptGenOptions options, IConfigurationSection child, string? value)
    {
        if (value is not null)
        {
            options.ConfiguredValues[child.Path] = value;
        }

        return value;
    }

    private static string Required(IConfigurationSection child) =>
        string.IsNullOrWhiteSpace(child.Value)
            ? throw new PromptConfigurationException($"Setting '{child.Path}' is empty. Give it a model id, for example 'openai/gpt-4o-mini'.")
            : child.Value.Trim();

    private static List<string> ReadList(IConfigurationSection child)
    {
        if (child.Value is { } single)
        {
            return [.. single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        return [.. child.GetChildren().Select(Required)];
    }

    private static bool? ReadBool(IConfigurationSection child) =>
        child.Value is null ? null
        : bool.TryParse(child.Value, out var value) ? value
        : throw new PromptConfigurationException($"Setting '{child.Path}' is '{child.Value}'; expected true or false.");

    private static int? ReadInt(IConfigurationSection child) =>
        child.Value is null ? null
        : int.TryParse(child.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new PromptConfigurationException($"Setting '{child.Path}' is '{child.Value}'; expected a whole number, for example 4096.");

    private static long? ReadLong(IConfigurationSection child) =>
        child.Value is null ? null
        : long.TryParse(child.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new PromptConfigurationException($"Setting '{child.Path}' is '{child.Value}'; expected a whole number of bytes, for example 5242880.");

    private static double? ReadDouble(IConfigurationSection child) =>
        child.Value is null ? null
        : double.TryParse(child.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw new PromptConfigurationException($"Setting '{child.Path}' is '{child.Value}'; expected a number, for example 0.5.");

    private static TimeSpan? ReadTimeSpan(IConfigurationSection child)
    {
        if (child.Value is null)
        {
            return null;
        }

        if (double.TryParse(child.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.TryParse(child.Value, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PromptConfigurationException($"Setting '{child.Path}' is '{child.Value}'; expected seconds (for example 90) or a time span (for example '00:01:30').");
    }
}
