using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PromptGen.Generated;

namespace PromptGen.Evaluation;

/// <summary>
/// One case of a suite, or one <c>[PromptExample]</c>, loaded and checked, to run on its own: the form test hosts
/// (the xUnit integration) use to give each case its own test. It runs through the same case runner as
/// <c>promptgen test</c>, so PASS, FAIL and ERROR mean the same.
/// </summary>
public sealed class PromptTestCase
{
    private readonly TestCase _case;

    private PromptTestCase(TestCase testCase) => _case = testCase;

    /// <summary>Gets the case id (unique in its suite, or the example's name).</summary>
    public string Id => _case.Id;

    /// <summary>Gets the suite file, or the C# file of the example.</summary>
    public string File => _case.File;

    /// <summary>Gets the 1-based line of the case (or of the attribute).</summary>
    public int Line => _case.Line;

    /// <summary>Gets the description, if any.</summary>
    public string? Description => _case.Description;

    /// <summary>Gets why the suite skips the case, or <see langword="null"/>.</summary>
    public string? Skip => _case.Skip;

    /// <summary>Loads and checks every case of a suite file (the formats <c>promptgen test</c> reads).</summary>
    /// <param name="path">The suite file.</param>
    /// <param name="catalogs">The catalogs of the assemblies whose methods <c>call</c> cases run, if any.</param>
    /// <returns>The cases, in suite order.</returns>
    /// <exception cref="SuiteLoadException">The suite is missing or wrong; the message names the file, line and column.</exception>
    public static IReadOnlyList<PromptTestCase> FromSuite(string path, IReadOnlyList<PromptCatalog>? catalogs = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return [.. SuiteParser.Load(path, Path.GetFullPath(path), catalogs: catalogs).Select(c => new PromptTestCase(c))];
    }

    /// <summary>The <c>[PromptExample]</c>s of the catalogs' methods, as cases.</summary>
    /// <param name="catalogs">The catalogs (<see cref="PromptCatalog.FromAssembly"/>).</param>
    /// <returns>The examples, in client and method order.</returns>
    public static IReadOnlyList<PromptTestCase> FromExamples(IReadOnlyList<PromptCatalog> catalogs)
    {
        ArgumentNullException.ThrowIfNull(catalogs);
        return [.. ExampleCases.Load(catalogs).Select(c => new PromptTestCase(c))];
    }

    /// <summary>Runs the case through the services' <see cref="PromptRouter"/> (and the method's own chain, rules and re-asks for a <c>call</c> case).</summary>
    /// <param name="services">Services with PromptGen and its providers.</param>
    /// <param name="cancellationToken">Cancels the case.</param>
    /// <returns>The outcome.</returns>
    public async Task<PromptTestOutcome> RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var router = services.GetRequiredService<PromptRouter>();
        var settings = new RunSettings { Redactor = services.GetService<SecretRedactor>() ?? new SecretRedactor() };
        var prices = PriceTable.Load(services.GetService<IConfiguration>() ?? new ConfigurationBuilder().Build());
        var runner = new CaseRunner(new PromptExecutor(router, services), router, settings, prices, services.GetService<TimeProvider>() ?? TimeProvider.System) { Services = services };
        var result = await runner.RunAsync(_case, cancellationToken).ConfigureAwait(false);
        return new PromptTestOutcome(
            result.Outcome switch
            {
                Outcomes.Pass => PromptTestVerdict.Pass,
                Outcomes.Fail => PromptTestVerdict.Fail,
                Outcomes.Skipped => PromptTestVerdict.Skipped,
                _ => PromptTestVerdict.Error,
            },
            result.Reason,
            [.. result.FailedRules.Select(f => $"{f.Rule}: {f.Message}")],
            result.Prompt,
            result.Response,
            result.AnsweredBy);
    }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
