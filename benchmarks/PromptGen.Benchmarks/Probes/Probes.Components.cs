namespace PromptGen.Benchmarks;

/// <summary>
/// Component scenarios for <c>--probe calls</c>: one call of a benchmark method each, so <c>benchmarks/instructions.sh</c>
/// counts instructions per render or parse (deterministic) beside the peers of the same BenchmarkDotNet class.
/// </summary>
internal static partial class Probes
{
    /// <summary>The component scenario named <paramref name="scenario"/>, or <see langword="null"/> for a call scenario.</summary>
    private static Action? Component(string scenario)
    {
        switch (scenario)
        {
            case "template-generated" or "template-handlebars" or "template-scriban":
                var templates = new TemplateLanguageBenchmarks();
                templates.Setup();
                return scenario switch
                {
                    "template-generated" => () => templates.Generated(),
                    "template-handlebars" => () => templates.HandlebarsNet(),
                    _ => () => templates.Scriban(),
                };
            case "json-stj" or "json-valid" or "json-messy":
                var json = new LenientJsonBenchmarks();
                json.Setup();
                return scenario switch
                {
                    "json-stj" => () => json.Valid2KStj(),
                    "json-valid" => () => json.ParseValid2K(),
                    _ => () => json.ParseMessy2K(),
                };
            default:
                return null;
        }
    }
}
