using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PromptGen.Validation;

namespace PromptGen.Benchmarks;

/// <summary>
/// Lenient JSON reading beside System.Text.Json on the same answers: a valid 2 KB invoice (goal: within 1.5× of a
/// plain <c>JsonSerializer.Deserialize</c>), the same invoice written the way a model without structured output writes
/// it (prose, fence, unquoted keys, single quotes, comments, trailing commas, "1,234.50" for a number; goal under
/// 20 µs), and a messy answer of 256 KB and 1 MB (linear: the 1 MB one costs about four times the 256 KB one).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LenientJsonBenchmarks
{
    private const string ListSchema = """{"type":"array","items":{"type":"object","properties":{"id":{"type":"integer"},"name":{"type":"string"},"price":{"type":"number"},"tags":{"type":"array","items":{"type":"string"}}},"required":["id","name","price","tags"]}}""";

    private readonly string _valid = Invoice(messy: false);
    private readonly string _messy = Invoice(messy: true);
    private readonly JsonElement _listSchema = JsonDocument.Parse(ListSchema).RootElement.Clone();
    private string _list256K = string.Empty;
    private string _list1M = string.Empty;
    private string _valid1M = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        (_list256K, _) = List(256 * 1024);
        (_list1M, _valid1M) = List(1024 * 1024);
        if (_valid.Length is < 1800 or > 2600 || _messy.Length is < 1800 or > 2800)
        {
            throw new InvalidOperationException($"Setup: the answers are {_valid.Length} and {_messy.Length} characters, not about 2 KB.");
        }

        var parsed = ParseMessy2K();
        if (!parsed.Success || parsed.Value!.Lines.Count != 18 || parsed.Value.Total != 1234.50m || ParseValid2K().Value?.Total != Valid2KStj()?.Total)
        {
            throw new InvalidOperationException($"Setup: the messy invoice was not recovered: {string.Join(" ", parsed.Errors)}");
        }

        if (Messy1M().Value.GetArrayLength() != Valid1MStj().RootElement.GetArrayLength())
        {
            throw new InvalidOperationException("Setup: the 1 MB answer lost elements.");
        }
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json Deserialize, valid 2 KB")]
    [BenchmarkCategory("valid 2 KB")]
    public Invoice? Valid2KStj() => JsonSerializer.Deserialize(_valid, InvoiceJson.Default.Invoice);

    [Benchmark(Description = "PromptGen Parse<T>, valid 2 KB")]
    [BenchmarkCategory("valid 2 KB")]
    public JsonParseResult<Invoice> ParseValid2K() => JsonExtractor.Parse(_valid, InvoiceJson.Default.Invoice);

    [Benchmark(Baseline = true, Description = "System.Text.Json Deserialize, valid 2 KB (same invoice)")]
    [BenchmarkCategory("messy 2 KB")]
    public Invoice? Messy2KStjOnValid() => JsonSerializer.Deserialize(_valid, InvoiceJson.Default.Invoice);

    [Benchmark(Description = "PromptGen Parse<T>, messy 2 KB")]
    [BenchmarkCategory("messy 2 KB")]
    public JsonParseResult<Invoice> ParseMessy2K() => JsonExtractor.Parse(_messy, InvoiceJson.Default.Invoice);

    [Benchmark(Baseline = true, Description = "System.Text.Json JsonDocument.Parse, valid 1 MB")]
    [BenchmarkCategory("large")]
    public JsonDocument Valid1MStj() => JsonDocument.Parse(_valid1M);

    [Benchmark(Description = "PromptGen Extract, valid 1 MB")]
    [BenchmarkCategory("large")]
    public JsonExtraction Valid1M() => JsonExtractor.Extract(_valid1M, _listSchema);

    [Benchmark(Description = "PromptGen Extract, messy 256 KB")]
    [BenchmarkCategory("large")]
    public JsonExtraction Messy256K() => JsonExtractor.Extract(_list256K, _listSchema);

    [Benchmark(Description = "PromptGen Extract, messy 1 MB")]
    [BenchmarkCategory("large")]
    public JsonExtraction Messy1M() => JsonExtractor.Extract(_list1M, _listSchema);

    internal static string Invoice(bool messy)
    {
        var lines = string.Join(",\n    ", Enumerable.Range(1, 18).Select(i => messy
            ? $$"""{sku: 'SKU-{{i:000}}', description: 'Item number {{i}} with a "description"', quantity: {{i}}, price: {{(i * 3.5m).ToString(CultureInfo.InvariantCulture)}},}"""
            : $$"""{"sku":"SKU-{{i:000}}","description":"Item number {{i}} with a \"description\"","quantity":{{i}},"price":{{(i * 3.5m).ToString(CultureInfo.InvariantCulture)}}}"""));
        return messy
            ? $$"""
                Sure! Here is the invoice you asked for. I double-checked the totals against the order.

                ```json
                {
                  // the invoice
                  number: 'INV-2024-0042',
                  customer: "Ann Example",
                  total: "1,234.50",
                  lines: [
                    {{lines}},
                  ],
                }
                ```

                Let me know if you need it in another currency or format.
                """
            : $$"""
                {
                  "number": "INV-2024-0042",
                  "customer": "Ann Example",
                  "total": 1234.50,
                  "lines": [
                    {{lines}}
                  ]
                }
                """;
    }

    private static (string Messy, string Valid) List(int bytes)
    {
        var messy = new StringBuilder("Here is the catalogue you asked for:\n[\n");
        var valid = new StringBuilder("[");
        for (var i = 0; messy.Length < bytes; i++)
        {
            messy.Append(CultureInfo.InvariantCulture, $"  {{id: {i}, name: 'item {i}', price: {i}.5, tags: [new, sale,],}},\n");
            valid.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ",")}{{\"id\":{i},\"name\":\"item {i}\",\"price\":{i}.5,\"tags\":[\"new\",\"sale\"]}}");
        }

        return (messy.Append("]\nDone.").ToString(), valid.Append(']').ToString());
    }
}
