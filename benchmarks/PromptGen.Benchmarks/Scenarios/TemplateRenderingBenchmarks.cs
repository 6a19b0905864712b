using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.SemanticKernel;

namespace PromptGen.Benchmarks;

/// <summary>
/// One prompt (literals, a string, an int with a format, a decimal with F2, a list of five strings as "- item" lines)
/// rendered from the same typed values by: C# string interpolation (baseline), a StringBuilder, the code PromptGen's
/// generator emits for <see cref="ITripPlanner"/>, and Semantic Kernel's prompt template engine. Setup checks that every
/// row produces exactly the same text.
/// </summary>
[MemoryDiagnoser]
public class TemplateRenderingBenchmarks
{
    private const string SemanticKernelTemplate = "Plan a trip to {{$city}} for {{$days}} days on a budget of {{$budget}} EUR.\nMust-see places:\n{{$places}}\nAnswer with a day-by-day list.";

    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    private readonly string _city = "Lisbon";
    private readonly int _days = 7;
    private readonly decimal _budget = 1234.5m;
    private readonly IReadOnlyList<string> _places = ["Belem Tower", "Alfama", "LX Factory", "Sintra", "Time Out Market"];

    private Kernel _kernel = null!;
    private IPromptTemplate _template = null!;
    private KernelArguments _preparedArguments = null!;

    /// <summary>The expected text, written out by hand.</summary>
    public static string Expected { get; } =
        "Plan a trip to Lisbon for 07 days on a budget of 1234.50 EUR.\nMust-see places:\n"
        + "- Belem Tower\n- Alfama\n- LX Factory\n- Sintra\n- Time Out Market\nAnswer with a day-by-day list.";

    [GlobalSetup]
    public async Task Setup()
    {
        _kernel = new Kernel();
        _template = new KernelPromptTemplateFactory().Create(new PromptTemplateConfig(SemanticKernelTemplate));
        _preparedArguments = Arguments();

        Check("interpolation", Interpolation());
        Check("StringBuilder", Builder());
        Check("generated", Generated());
        Check("Semantic Kernel", await SemanticKernel());
        Check("Semantic Kernel (prepared arguments)", await SemanticKernelPrepared());
    }

    [Benchmark(Baseline = true, Description = "C# interpolation (string.Create, invariant) + string.Join")]
    public string Interpolation() =>
        string.Create(s_invariant, $"Plan a trip to {_city} for {_days:D2} days on a budget of {_budget:F2} EUR.\nMust-see places:\n- {string.Join("\n- ", _places)}\nAnswer with a day-by-day list.");

    [Benchmark(Description = "StringBuilder")]
    public string Builder()
    {
        var builder = new StringBuilder(256);
        builder.Append("Plan a trip to ").Append(_city).Append(" for ")
            .Append(s_invariant, $"{_days:D2}").Append(" days on a budget of ")
            .Append(s_invariant, $"{_budget:F2}").Append(" EUR.\nMust-see places:\n");
        for (var i = 0; i < _places.Count; i++)
        {
            builder.Append(i == 0 ? "- " : "\n- ").Append(_places[i]);
        }

        return builder.Append("\nAnswer with a day-by-day list.").ToString();
    }

    [Benchmark(Description = "PromptGen generated render method")]
    public string Generated() => TripPlanner.RenderPlan(_city, _days, _budget, _places);

    /// <summary>
    /// What a Semantic Kernel user writes for the same output: the engine has no format specifiers or list rendering,
    /// so the values are formatted into fresh <see cref="KernelArguments"/> before each render.
    /// </summary>
    [Benchmark(Description = "Semantic Kernel template (format args + RenderAsync)")]
    public Task<string> SemanticKernel() => _template.RenderAsync(_kernel, Arguments());

    /// <summary>The engine alone: arguments formatted once in setup, only <c>RenderAsync</c> measured.</summary>
    [Benchmark(Description = "Semantic Kernel template (RenderAsync only)")]
    public Task<string> SemanticKernelPrepared() => _template.RenderAsync(_kernel, _preparedArguments);

    private KernelArguments Arguments() => new()
    {
        ["city"] = _city,
        ["days"] = _days.ToString("D2", s_invariant),
        ["budget"] = _budget.ToString("F2", s_invariant),
        ["places"] = "- " + string.Join("\n- ", _places),
    };

    private static void Check(string path, string text)
    {
        if (text != Expected)
        {
            throw new InvalidOperationException($"Setup: {path} rendered '{text}', expected '{Expected}'.");
        }
    }
}
