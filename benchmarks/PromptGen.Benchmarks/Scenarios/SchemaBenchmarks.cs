using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.AI;
using NJsonSchema.Generation;
using PromptGen.Generated;

namespace PromptGen.Benchmarks;

/// <summary>
/// The JSON schema of <see cref="Itinerary"/> produced at run time (Microsoft.Extensions.AI, System.Text.Json's exporter,
/// NJsonSchema) against what a PromptGen call pays for the schema the generator wrote at build time. Two groups:
/// <c>first call</c> (new <see cref="JsonSerializerOptions"/> per call, so no metadata or schema is cached; JIT excluded)
/// and <c>steady state</c> (the same options every call, caches warm). MEAI's <c>ChatResponseFormat.ForJsonSchema&lt;T&gt;</c>
/// is the baseline of each group: it produces the same object a PromptGen call builds.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SchemaBenchmarks
{
    private const string First = "first call";
    private const string Steady = "steady state";

    private static readonly string[] s_expected = ["\"city\"", "\"days\"", "\"pace\"", "\"hotel\"", "\"plan\"", "\"notes\"", "\"places\"", "\"budgetEur\"", "\"stars\"", "Relaxed", "Packed"];

    private readonly JsonSerializerOptions _options = ItineraryJson.Default.Options;
    private readonly PromptDescriptor _descriptor = ItineraryPlanner.PlanDescriptor;
    private readonly SystemTextJsonSchemaGeneratorSettings _njsonSettings = new() { SerializerOptions = ItineraryJson.Default.Options };

    [GlobalSetup]
    public void Setup()
    {
        // Every row must describe the same type, the way the serializer writes it (camelCase names, enums as names).
        Check("MEAI CreateJsonSchema", MeaiCreateSchemaFirst().GetRawText());
        Check("MEAI CreateJsonSchema (steady)", MeaiCreateSchema().GetRawText());
        Check("STJ exporter", ExporterFirst().ToJsonString());
        Check("STJ exporter (steady)", Exporter().ToJsonString());
        Check("MEAI ForJsonSchema<T>", ((ChatResponseFormatJson)MeaiResponseFormatFirst()).Schema!.Value.GetRawText());
        Check("MEAI ForJsonSchema<T> (steady)", ((ChatResponseFormatJson)MeaiResponseFormat()).Schema!.Value.GetRawText());
        Check("NJsonSchema FromType", NJsonSchemaFromType().ToJson());
        Check("NJsonSchema FromType + ToJson", NJsonSchemaToJson());
        Check("PromptGen first call", ((ChatResponseFormatJson)PromptGenFirst()).Schema!.Value.GetRawText());
        Check("PromptGen", ((ChatResponseFormatJson)PromptGenSteady()).Schema!.Value.GetRawText());
        if (_descriptor.SchemaName is null || !_descriptor.StrictSchema)
        {
            throw new InvalidOperationException("Setup: the generated descriptor has no schema name or is not strict.");
        }
    }

    // ---- first call: nothing cached (a new JsonSerializerOptions over the same source-generated context per call) ----

    [Benchmark(Baseline = true, Description = "MEAI ChatResponseFormat.ForJsonSchema<T> (new options)")]
    [BenchmarkCategory(First)]
    public ChatResponseFormat MeaiResponseFormatFirst() => ChatResponseFormat.ForJsonSchema<Itinerary>(Fresh());

    [Benchmark(Description = "MEAI AIJsonUtilities.CreateJsonSchema (new options)")]
    [BenchmarkCategory(First)]
    public JsonElement MeaiCreateSchemaFirst() => AIJsonUtilities.CreateJsonSchema(typeof(Itinerary), serializerOptions: Fresh());

    [Benchmark(Description = "STJ JsonSchemaExporter.GetJsonSchemaAsNode (new options)")]
    [BenchmarkCategory(First)]
    public JsonNode ExporterFirst() => Fresh().GetTypeInfo(typeof(Itinerary)).GetJsonSchemaAsNode();

    [Benchmark(Description = "PromptGen: parse the build-time literal + ChatResponseFormat (first call)")]
    [BenchmarkCategory(First)]
    public ChatResponseFormat PromptGenFirst()
    {
        // What PromptDescriptor.Schema does once per process (then caches), and what PromptExecutor.CallOptions does per call.
        var schema = JsonDocument.Parse(_descriptor.JsonSchema).RootElement.Clone();
        return ChatResponseFormat.ForJsonSchema(schema, _descriptor.SchemaName);
    }

    // ---- steady state: the same options every call ----

    [Benchmark(Baseline = true, Description = "MEAI ChatResponseFormat.ForJsonSchema<T>")]
    [BenchmarkCategory(Steady)]
    public ChatResponseFormat MeaiResponseFormat() => ChatResponseFormat.ForJsonSchema<Itinerary>(_options);

    [Benchmark(Description = "MEAI AIJsonUtilities.CreateJsonSchema")]
    [BenchmarkCategory(Steady)]
    public JsonElement MeaiCreateSchema() => AIJsonUtilities.CreateJsonSchema(typeof(Itinerary), serializerOptions: _options);

    [Benchmark(Description = "STJ JsonSchemaExporter.GetJsonSchemaAsNode")]
    [BenchmarkCategory(Steady)]
    public JsonNode Exporter() => ItineraryJson.Default.Itinerary.GetJsonSchemaAsNode();

    [Benchmark(Description = "NJsonSchema JsonSchema.FromType<T> (reflection)")]
    [BenchmarkCategory(Steady)]
    public NJsonSchema.JsonSchema NJsonSchemaFromType() => NJsonSchema.JsonSchema.FromType<Itinerary>(_njsonSettings);

    [Benchmark(Description = "NJsonSchema FromType<T> + ToJson()")]
    [BenchmarkCategory(Steady)]
    public string NJsonSchemaToJson() => NJsonSchema.JsonSchema.FromType<Itinerary>(_njsonSettings).ToJson();

    [Benchmark(Description = "PromptGen: descriptor schema + ChatResponseFormat (every call)")]
    [BenchmarkCategory(Steady)]
    public ChatResponseFormat PromptGenSteady() => ChatResponseFormat.ForJsonSchema(_descriptor.Schema!.Value, _descriptor.SchemaName);

    private JsonSerializerOptions Fresh() => new(_options);

    private static void Check(string row, string schema)
    {
        var missing = s_expected.Where(e => !schema.Contains(e, StringComparison.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Setup: the schema of row '{row}' lacks {string.Join(", ", missing)}:\n{schema}");
        }
    }
}
