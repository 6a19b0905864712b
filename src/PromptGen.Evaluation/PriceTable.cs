using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace PromptGen.Evaluation;

/// <summary>
/// USD per million tokens, by canonical model id (<c>openai/gpt-4o-mini</c>) or provider glob (<c>ollama/*</c>).
/// Built-in list prices (docs/test-runner.md) are overridden by the configuration file's top-level <c>Prices</c> section:
/// <c>"Prices": { "openai/gpt-4o-mini": { "input": 0.15, "output": 0.60 } }</c>. A model without a price has no cost
/// (reported as unknown, never as zero).
/// </summary>
internal sealed class PriceTable
{
    public const string SectionName = "Prices";

    private static readonly Dictionary<string, (decimal Input, decimal Output)> s_builtIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai/gpt-4o-mini"] = (0.15m, 0.60m),
        ["openai/gpt-4o"] = (2.50m, 10.00m),
        ["openai/gpt-4.1-mini"] = (0.40m, 1.60m),
        ["openai/gpt-4.1"] = (2.00m, 8.00m),
        ["anthropic/claude-haiku-4-5"] = (1.00m, 5.00m),
        ["anthropic/claude-sonnet-4-5"] = (3.00m, 15.00m),
        ["anthropic/claude-opus-4-1"] = (15.00m, 75.00m),
        ["ollama/*"] = (0m, 0m),
    };

    private readonly Dictionary<string, (decimal Input, decimal Output)> _prices;

    private PriceTable(Dictionary<string, (decimal, decimal)> prices) => _prices = prices;

    public static PriceTable Load(IConfiguration configuration)
    {
        var prices = new Dictionary<string, (decimal, decimal)>(s_builtIn, StringComparer.OrdinalIgnoreCase);
        foreach (var model in configuration.GetSection(SectionName).GetChildren())
        {
            prices[model.Key] = (Read(model, "input"), Read(model, "output"));
        }

        return new PriceTable(prices);
    }

    /// <summary>Returns the cost of a call, or <see langword="null"/> when the model has no price.</summary>
    public decimal? Cost(string modelId, long inputTokens, long outputTokens)
    {
        if (!_prices.TryGetValue(modelId, out var price))
        {
            var slash = modelId.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !_prices.TryGetValue(string.Concat(modelId.AsSpan(0, slash), "/*"), out price))
            {
                return null;
            }
        }

        return ((inputTokens * price.Input) + (outputTokens * price.Output)) / 1_000_000m;
    }

    private static decimal Read(IConfigurationSection model, string name)
    {
        var text = model[name];
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new EvaluationException($"Configuration {SectionName}:{model.Key}:{name} must be a price in USD per million tokens (a number ≥ 0), not '{text}'.");
    }
}
