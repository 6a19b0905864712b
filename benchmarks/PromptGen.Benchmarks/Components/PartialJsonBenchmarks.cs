using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PromptGen.Validation;

namespace PromptGen.Benchmarks;

/// <summary>
/// Typed partial streaming: a 10 KB invoice answer arriving in 200 chunks, read by <see cref="PartialJsonParser"/>
/// (each chunk continues where the last stopped) beside one read of the whole text. Goal: reading all 200 chunks costs
/// at most 2× one read of the whole (linear, not quadratic). The snapshot a stream update carries
/// (<see cref="PartialJsonParser.Read"/>, the value so far) is measured apart: its cost is the size of the value so far,
/// and the allocation per update is reported.
/// </summary>
[MemoryDiagnoser]
public class PartialJsonBenchmarks
{
    private const int Chunks = 200;
    private readonly string _answer = Answer();
    private readonly JsonElement _schema = JsonExtractor.SchemaOf(InvoiceJson.Default.Invoice);
    private string[] _chunks = [];

    [GlobalSetup]
    public void Setup()
    {
        if (_answer.Length is < 9_500 or > 11_000)
        {
            throw new InvalidOperationException($"Setup: the answer is {_answer.Length} characters, not about 10 KB.");
        }

        var size = (_answer.Length + Chunks - 1) / Chunks;
        _chunks = [.. Enumerable.Range(0, Chunks).Select(i => _answer.Substring(Math.Min(i * size, _answer.Length), Math.Clamp(_answer.Length - (i * size), 0, size)))];
        var whole = Whole();
        var chunked = Chunked200();
        if (!whole.IsComplete || !chunked.IsComplete || whole.Value.GetProperty("lines").GetArrayLength() != chunked.Value.GetProperty("lines").GetArrayLength())
        {
            throw new InvalidOperationException("Setup: the chunked read differs from the whole read.");
        }
    }

    [Benchmark(Baseline = true, Description = "PartialJsonParser, whole 10 KB text in one chunk, one Read")]
    public PartialJson Whole()
    {
        var parser = new PartialJsonParser(_schema);
        parser.Append(_answer);
        parser.End();
        return parser.Read();
    }

    [Benchmark(Description = "PartialJsonParser, 200 chunks, one Read at the end")]
    public PartialJson Chunked200()
    {
        var parser = new PartialJsonParser(_schema);
        foreach (var chunk in _chunks)
        {
            parser.Append(chunk);
        }

        parser.End();
        return parser.Read();
    }

    [Benchmark(Description = "PartialJsonParser, 200 chunks, Read after every chunk (an update each)")]
    public int Chunked200WithUpdates()
    {
        var parser = new PartialJsonParser(_schema);
        var members = 0;
        foreach (var chunk in _chunks)
        {
            parser.Append(chunk);
            members += parser.Read().Complete.Count;
        }

        parser.End();
        return members;
    }

    [Benchmark(Description = "Typed update after every chunk, as before: Read (JsonElement) + Deserialize<T> + Text string")]
    public int TypedUpdatesViaElement()
    {
        var relaxed = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Invoice>)JsonExtractor.RelaxedOf(InvoiceJson.Default.Invoice)!;
        var parser = new PartialJsonParser(_schema);
        var lines = 0;
        foreach (var chunk in _chunks)
        {
            parser.Append(chunk);
            var read = parser.Read();
            var value = read.Value.ValueKind == JsonValueKind.Undefined ? null : read.Value.Deserialize(relaxed);
            lines += (value?.Lines?.Count ?? 0) + read.Complete.Count + parser.Text.Length;
        }

        return lines;
    }

    [Benchmark(Description = "Typed update after every chunk, as the executor does: ReadInto pooled writer + Deserialize<T> from bytes + text as memory")]
    public int TypedUpdatesViaPooledWriter()
    {
        var relaxed = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Invoice>)JsonExtractor.RelaxedOf(InvoiceJson.Default.Invoice)!;
        var parser = new PartialJsonParser(_schema);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        var lines = 0;
        foreach (var chunk in _chunks)
        {
            parser.Append(chunk);
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            var (hasValue, complete, _) = parser.ReadInto(writer);
            var value = hasValue ? JsonSerializer.Deserialize(buffer.WrittenSpan, relaxed) : null;
            lines += (value?.Lines?.Count ?? 0) + complete.Count + parser.TextMemory.Length;
        }

        return lines;
    }

    [Benchmark(Description = "JsonExtractor.Parse<T>, whole 10 KB text (the final read of a stream)")]
    public JsonParseResult<Invoice> FinalParse() => JsonExtractor.Parse(_answer, InvoiceJson.Default.Invoice);

    private static string Answer()
    {
        var lines = string.Join(",\n    ", Enumerable.Range(1, 95).Select(i =>
            $$"""{"sku":"SKU-{{i:000}}","description":"Item number {{i}} with a \"description\"","quantity":{{i}},"price":{{(i * 3.5m).ToString(CultureInfo.InvariantCulture)}}}"""));
        return $$"""
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
}
