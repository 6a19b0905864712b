using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using PromptGen.Validation;

namespace PromptGen.Benchmarks;

public sealed record Invoice(string Number, string Customer, decimal Total, List<InvoiceLine> Lines, string? Note = null);

public sealed record InvoiceLine(string Sku, string Description, int Quantity, decimal Price);

[JsonSerializable(typeof(Invoice))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class InvoiceJson : JsonSerializerContext;

/// <summary>
/// Validation of a ~2 KB answer (prose + a fenced JSON invoice): llm_call's target was under 10 ms; this should be microseconds.
/// Also a [GeneratedRegex] rule against runtime regexes, and NJsonSchema validation cost.
/// </summary>
[MemoryDiagnoser]
public partial class ValidationBenchmarks
{
    private const string EmailPattern = "^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$";
    private const string Schema = """{"type":"object","properties":{"number":{"type":"string"},"customer":{"type":"string"},"total":{"type":"number"},"lines":{"type":"array","items":{"type":"object","properties":{"sku":{"type":"string"},"description":{"type":"string"},"quantity":{"type":"integer"},"price":{"type":"number"}},"required":["sku","description","quantity","price"]}}},"required":["number","customer","total","lines"]}""";

    private static readonly Regex s_runtime = new(EmailPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex s_compiled = new(EmailPattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));

    private readonly JsonElement _schema = JsonDocument.Parse(Schema).RootElement.Clone();
    private readonly JsonSchemaRule _schemaRule = JsonSchemaRule.FromJson(Schema);
    private readonly PatternRule _generatedRule = new(Email());
    private readonly PatternRule _runtimeRule = new(s_runtime);
    private readonly ResponseRule[] _rules = [new NotEmptyRule(), new JsonRule(), new RequiredFieldRule("lines[0].sku"), new ForbiddenFieldRule("debug"), new ContainsRule("INV-"), new LengthRule(10, 10_000)];
    private readonly string _answer = BuildAnswer();
    private readonly ValidationContext _email = new("  jane.doe@example.com \n");

    [GlobalSetup]
    public void Setup()
    {
        if (_answer.Length is < 1800 or > 2600)
        {
            throw new InvalidOperationException($"Setup: the answer is {_answer.Length} characters, not about 2 KB.");
        }

        var typed = ExtractAndDeserialize();
        if (typed.Lines.Count != 18 || !SchemaRule().IsValid || !AllRules().IsValid)
        {
            throw new InvalidOperationException("Setup: the answer does not validate.");
        }
    }

    [Benchmark(Description = "extract JSON from 2 KB answer")]
    public JsonExtraction Extract() => JsonExtractor.Extract(_answer, _schema);

    [Benchmark(Description = "extract + typed check + deserialize (2 KB)")]
    public Invoice ExtractAndDeserialize()
    {
        var json = JsonExtractor.Extract(_answer, _schema);
        var errors = TypedJson.Check(json.Value, InvoiceJson.Default.Invoice);
        var (value, error) = TypedJson.Deserialize(json.Value, InvoiceJson.Default.Invoice);
        return errors.Count == 0 && error is null ? value! : throw new InvalidOperationException(error);
    }

    [Benchmark(Description = "six structural+content rules (2 KB)")]
    public ValidationResult AllRules() => ResponseValidation.ValidateAsync(_rules, new ValidationContext(_answer, _schema), default).AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "JSON Schema rule, NJsonSchema (2 KB)")]
    public ValidationResult SchemaRule() => _schemaRule.ValidateAsync(new ValidationContext(_answer, _schema), default).AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "pattern rule: [GeneratedRegex]")]
    public ValidationResult GeneratedRegexRule() => _generatedRule.ValidateAsync(_email, default).AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "pattern rule: runtime Regex (interpreted)")]
    public ValidationResult RuntimeRegexRule() => _runtimeRule.ValidateAsync(_email, default).AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "pattern: Regex.Compiled instance")]
    public bool CompiledRegex() => s_compiled.IsMatch(_email.Text.Trim());

    [Benchmark(Description = "pattern: new Regex per check (llm_call style)")]
    public bool RegexPerCall() => new Regex(EmailPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).IsMatch(_email.Text.Trim());

    [GeneratedRegex(EmailPattern, RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Email();

    private static string BuildAnswer()
    {
        var lines = string.Join(",\n    ", Enumerable.Range(1, 18).Select(i => $$"""{"sku":"SKU-{{i:000}}","description":"Item number {{i}} with a description","quantity":{{i}},"price":{{i * 3.5m}}}"""));
        return $$"""
            Sure! Here is the invoice you asked for. I double-checked the totals against the order.

            ```json
            {
              "number": "INV-2024-0042",
              "customer": "Ann Example",
              "total": 273.00,
              "lines": [
                {{lines}}
              ]
            }
            ```

            Let me know if you need it in another currency or format.
            """;
    }
}
