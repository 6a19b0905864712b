using System.Collections.Concurrent;
using PromptGen.Generated;
using Xunit.Abstractions;

namespace PromptGen.Evaluation.Xunit;

/// <summary>
/// One suite case or <c>[PromptExample]</c> as xUnit theory data (<see cref="PromptExamplesAttribute"/>,
/// <see cref="PromptSuiteAttribute"/>): serializable, so Test Explorer and <c>dotnet test</c> list one test per case,
/// named by its id. <see cref="RunAsync"/> runs it: PASS returns, FAIL throws <see cref="PromptCaseFailedException"/>
/// (an assertion failure), ERROR throws <see cref="PromptCaseErrorException"/> (a test error, not a failed assertion).
/// </summary>
public sealed class PromptCase : IXunitSerializable
{
    private static readonly ConcurrentDictionary<(string Source, string Assembly), IReadOnlyList<PromptTestCase>> s_loaded = new();

    private string _source = string.Empty;
    private string _assembly = string.Empty;
    private string _id = string.Empty;

    /// <summary>Initializes an empty case for xUnit's deserializer.</summary>
    [Obsolete("For xUnit's deserializer; cases come from [PromptExamples] or [PromptSuite].")]
    public PromptCase()
    {
    }

    private PromptCase(string source, string assembly, string id) => (_source, _assembly, _id) = (source, assembly, id);

    /// <summary>Gets the case id.</summary>
    public string Id => _id;

    /// <summary>Gets the loaded case (its file, line, description).</summary>
    public PromptTestCase TestCase => Load(_source, _assembly).FirstOrDefault(c => c.Id == _id)
        ?? throw new InvalidOperationException($"The case '{_id}' is no longer in {(_source == ExamplesSource ? "the assembly's [PromptExample]s" : _source)}; rebuild so the test list is discovered again.");

    internal const string ExamplesSource = "[PromptExample]";

    /// <summary>Runs the case; throws unless it passes (see the class remarks), after writing its report to <paramref name="output"/>.</summary>
    /// <param name="services">Services with PromptGen and its providers (for example pointed at the simulator with <c>UseSimulator</c>).</param>
    /// <param name="output">The test's output, for the report (verdict, failures, prompt, answer); optional.</param>
    /// <param name="cancellationToken">Cancels the case.</param>
    /// <returns>The outcome (PASS).</returns>
    /// <exception cref="PromptCaseFailedException">FAIL: the answer broke a rule or an expectation.</exception>
    /// <exception cref="PromptCaseErrorException">ERROR: the case could not be judged (provider fault, timeout, judge failure).</exception>
    public async Task<PromptTestOutcome> RunAsync(IServiceProvider services, ITestOutputHelper? output = null, CancellationToken cancellationToken = default)
    {
        var testCase = TestCase;
        var outcome = await testCase.RunAsync(services, cancellationToken).ConfigureAwait(false);
        output?.WriteLine($"{testCase.Id} ({testCase.File}:{testCase.Line})\n{outcome}");
        return outcome.Verdict switch
        {
            PromptTestVerdict.Fail => throw new PromptCaseFailedException(testCase, outcome),
            PromptTestVerdict.Error => throw new PromptCaseErrorException(testCase, outcome),
            _ => outcome,
        };
    }

    /// <inheritdoc/>
    public void Serialize(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.AddValue("source", _source);
        info.AddValue("assembly", _assembly);
        info.AddValue("id", _id);
    }

    /// <inheritdoc/>
    public void Deserialize(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        _source = info.GetValue<string>("source");
        _assembly = info.GetValue<string>("assembly");
        _id = info.GetValue<string>("id");
    }

    /// <inheritdoc/>
    public override string ToString() => _id;

    /// <summary>The cases of a source (a suite path, or the examples), skipped ones left out: xUnit v2 cannot skip one row of a theory.</summary>
    internal static IEnumerable<PromptCase> Cases(string source, string assembly) =>
        Load(source, assembly).Where(c => c.Skip is null).Select(c => new PromptCase(source, assembly, c.Id));

    private static IReadOnlyList<PromptTestCase> Load(string source, string assembly) => s_loaded.GetOrAdd((source, assembly), static key =>
    {
        IReadOnlyList<PromptCatalog> catalogs = key.Assembly.Length == 0 ? [] : [Catalog(key.Assembly)];
        return key.Source == ExamplesSource
            ? PromptTestCase.FromExamples(catalogs)
            : PromptTestCase.FromSuite(Path.GetFullPath(key.Source, AppContext.BaseDirectory), catalogs);
    });

    private static PromptCatalog Catalog(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: true)!;
        return PromptCatalog.FromAssembly(type.Assembly)
            ?? throw new InvalidOperationException($"{type.Assembly.GetName().Name} has no prompt catalog: it declares no [PromptClient] interface with a callable method, or was built without PromptGen's generator.");
    }
}
