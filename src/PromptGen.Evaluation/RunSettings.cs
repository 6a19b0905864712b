namespace PromptGen.Evaluation;

/// <summary>How cases are sent: model override and mapping, per-provider caps, and the redactor that keeps secrets out of reports.</summary>
internal sealed class RunSettings
{
    private readonly Dictionary<string, SemaphoreSlim> _caps = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the model every case runs on (<c>--model</c>), whatever the suite says.</summary>
    public string? ModelOverride { get; init; }

    /// <summary>Gets the <c>--route from=to</c> mappings; <c>from</c> is a model id, alias or <c>provider/*</c> glob.</summary>
    public IReadOnlyList<(string From, string To)> Routes { get; init; } = [];

    /// <summary>Gets a value indicating whether cases that do not say stream their answers (<c>--stream</c>).</summary>
    public bool Stream { get; init; }

    /// <summary>Adds a cap: at most <paramref name="limit"/> cases in flight on <paramref name="provider"/>.</summary>
    public void AddCap(string provider, int limit) => _caps[provider] = new SemaphoreSlim(limit, limit);

    /// <summary>Gets the cap of a provider, if any.</summary>
    public SemaphoreSlim? CapFor(string provider) => _caps.GetValueOrDefault(provider);

    /// <summary>Gets the run's one redactor (the router's and the console's): everything a report shows passes through it.</summary>
    public required SecretRedactor Redactor { get; init; }

    /// <summary>The model a case is sent to: <c>--model</c>, else the suite's model mapped by <c>--route</c>.</summary>
    public string? MapModel(string? model)
    {
        if (ModelOverride is not null)
        {
            return ModelOverride;
        }

        foreach (var (from, to) in Routes)
        {
            if (model is null ? from == "default" : Matches(from, model))
            {
                return to;
            }
        }

        return model;
    }

    private static bool Matches(string pattern, string model) => pattern.EndsWith('*')
        ? model.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
        : string.Equals(pattern, model, StringComparison.OrdinalIgnoreCase);
}
